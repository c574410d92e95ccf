import { defineRule } from '../src/engine/rule.js';
import type { DagEdge } from '../src/project/index.js';

function describe(e: DagEdge): string {
  switch (e.kind) {
    case 'trigger':
      return `"${e.from}" triggers "${e.to}"`;
    case 'asset':
      return `"${e.from}" updates asset "${e.asset}", which schedules "${e.to}"`;
    case 'sensor':
      return `"${e.to}" waits for "${e.from}" (ExternalTaskSensor)`;
    case 'marker':
      return `"${e.from}" marks "${e.to}" as depending on it (ExternalTaskMarker)`;
  }
}

export default defineRule({
  id: 'cross-dag-cycle',
  category: 'project',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'DAGs that trigger, feed (through assets) or wait on each other in a loop.',
  messages: {
    causes: 'DAG runs cause each other in a loop: {loop}; each run starts the next one forever',
    waits: 'DAGs wait on each other in a loop: {loop}; no run can finish before the others',
  },
  checkProject(ctx) {
    for (const [edge, loop] of ctx.project.index.cyclesIn(ctx.path)) {
      ctx.report({
        at: edge.at,
        ...(edge.family === 'causes' ? { messageId: 'causes' } : { messageId: 'waits' }),
        data: { loop: [...loop.map((e) => e.from), loop[loop.length - 1]!.to].join(' -> ') },
        dagId: edge.family === 'waits' && edge.kind === 'sensor' ? edge.to : edge.from,
        help:
          edge.family === 'causes'
            ? 'break the loop: remove one trigger or asset dependency, or guard it (e.g. a ShortCircuitOperator) so it does not fire on every run'
            : 'break the loop: one of these DAGs must not wait for the other',
        related: loop.filter((e) => e !== edge).map((e) => ({ path: e.path, line: e.at.line, column: e.at.column, message: describe(e) })),
      });
    }
  },
});
