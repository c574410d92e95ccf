import { defineRule } from '../src/engine/rule.js';
import { closest } from '../src/engine/suggest.js';

const WHAT = { sensor: 'ExternalTaskSensor', marker: 'ExternalTaskMarker', trigger: 'TriggerDagRunOperator', 'mwaa-trigger': 'MwaaTriggerDagRunOperator' } as const;

export default defineRule({
  id: 'unknown-dag-reference',
  category: 'project',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'An external task sensor, marker or DAG trigger names a dag_id or task_id that no DAG in the project defines.',
  messages: {
    missingDag: '{what} points at dag_id "{id}", which no DAG in the project defines{hint}',
    missingMwaaDag: '{what} triggers dag_id "{id}" in MWAA environment {env}, and no DAG in this project defines it{hint}',
    missingTasks: '{what} points at {kind} {ids} of DAG "{dag}", which that DAG does not have{hint}',
  },
  checkProject(ctx) {
    const { facts, index } = ctx.project;
    // A DAG whose id airlint cannot read could be the one referenced: then a missing id proves nothing.
    const provable = index.opaqueFiles().length === 0;
    for (const ref of facts.references) {
      if (ref.targetDag === null) continue;
      const defs = index.definitions(ref.targetDag);
      const what = WHAT[ref.kind];
      if (defs.length === 0) {
        if (!provable) continue;
        const near = index.closestDagId(ref.targetDag);
        const hint = near ? `; did you mean "${near}"?` : '';
        ctx.report({
          at: ref.dagAt,
          ...(ref.kind === 'mwaa-trigger'
            ? { messageId: 'missingMwaaDag', data: { what, id: ref.targetDag, env: ref.env ? `"${ref.env}"` : '(dynamic)', hint } }
            : { messageId: 'missingDag', data: { what, id: ref.targetDag, hint } }),
          dagId: ref.fromDag,
          taskId: ref.taskId,
          help:
            ref.kind === 'trigger' || ref.kind === 'mwaa-trigger'
              ? 'fix the dag_id (a trigger of a DAG that does not exist fails at run time), or add the DAG to the project'
              : 'fix the dag_id: a sensor waiting for a DAG that does not exist never succeeds and only times out',
        });
        continue;
      }
      const target = ref.targetTasks;
      if (!target) continue;
      const known = new Set<string>();
      let complete = true;
      for (const d of defs) {
        const ids = target.kind === 'group' ? d.dag.groups : d.dag.tasks;
        if (ids === null) complete = false;
        else for (const id of ids) known.add(id);
      }
      if (!complete) continue;
      const missing = target.ids.filter((id) => !known.has(id));
      if (missing.length === 0) continue;
      const near = missing.length === 1 ? closest(missing[0]!, known) : null;
      const first = defs[0]!;
      ctx.report({
        at: target.at,
        messageId: 'missingTasks',
        data: {
          what,
          kind: target.kind === 'group' ? 'TaskGroup' : missing.length === 1 ? 'task' : 'tasks',
          ids: missing.map((id) => `"${id}"`).join(', '),
          dag: ref.targetDag,
          hint: near ? `; did you mean "${near}"?` : '',
        },
        dagId: ref.fromDag,
        taskId: ref.taskId,
        help: 'task ids inside a TaskGroup carry the group prefix ("group.task"); a sensor waiting for a task that does not exist never succeeds',
        related: [{ path: first.path, line: first.dag.at.line, column: first.dag.at.column, message: `DAG "${ref.targetDag}" is defined here` }],
      });
    }
  },
});
