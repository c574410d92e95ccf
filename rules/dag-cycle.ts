import { defineRule } from '../src/engine/rule.js';
import { cyclePath, exclusive, stronglyConnected, taskLabel, type EdgeModel, type TaskModel } from '../src/model/index.js';


const byPosition = (a: EdgeModel, b: EdgeModel): number => a.loc.line - b.loc.line || a.loc.column - b.loc.column;

/** A cycle of many tasks is shown with its middle elided, so the message stays readable. */
function shortPath(labels: string[]): string {
  if (labels.length <= 12) return labels.join(' >> ');
  return [...labels.slice(0, 5), `... (${labels.length - 10} more) ...`, ...labels.slice(-5)].join(' >> ');
}

export default defineRule({
  id: 'dag-cycle',
  category: 'structure',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: "A cycle in a DAG's task dependencies; Airflow refuses to load the DAG.",
  messages: {
    cycle: 'cycle: {path}',
  },
  create(ctx) {
    return {
      dag(dag) {
        for (const cycle of stronglyConnected(dag)) {
          // The edge written last closes the cycle: that is where the finding starts.
          const closing = [...cycle.edges].sort(byPosition).pop();
          if (!closing) continue;
          const path = cyclePath(cycle, closing);
          // Edges from mutually exclusive branches (if/else, try/except) never coexist at run time.
          if (path.some((a, i) => path.some((b, j) => j > i && exclusive(a.branch, b.branch)))) continue;
          const tasks: TaskModel[] = [closing.to, ...path.map((e) => e.to)];
          const lines = [...new Set(path.filter((e) => e !== closing).map((e) => e.loc.line))].sort((a, b) => a - b);
          ctx.report({
            at: closing.loc,
            messageId: 'cycle',
            data: { path: shortPath(tasks.map(taskLabel)) },
            dag,
            task: closing.from,
            help: `remove one of the edges; the cycle goes through ${ctx.file.path}:${lines.join(', ') || closing.loc.line}`,
            related: path
              .filter((e) => e !== closing)
              .map((e) => ({ line: e.loc.line, column: e.loc.column, message: `${taskLabel(e.from)} >> ${taskLabel(e.to)}` })),
          });
        }
      },
    };
  },
});
