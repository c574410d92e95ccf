import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, exclusive, strOf, type GroupModel, type TaskModel } from '../src/model/index.js';

export default defineRule({
  id: 'duplicate-task-id',
  category: 'structure',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'Two tasks (or task groups) of one DAG with the same id; Airflow raises DuplicateTaskIdFound.',
  messages: {
    task: 'task_id "{id}" is already used in DAG "{dag}" (line {line})',
    group: 'group_id "{id}" is already used in DAG "{dag}" (line {line})',
    nestedGroup: 'nested group_id "{id}" collides with the group "{id}" already in DAG "{dag}"; Airflow 2 checks the bare group_id of nested groups',
  },
  create(ctx) {
    return {
      dag(dag) {
        const dagName = strOf(dag.dagId) ?? '<unknown>';
        // Tasks created in loops over unknown values may not exist, or exist many times: no claim.
        const seen = new Map<string, TaskModel[]>();
        for (const task of dag.tasks) {
          const id = strOf(task.taskId);
          if (id === undefined || task.repeated) continue;
          const earlier = (seen.get(id) ?? []).find((t) => !exclusive(t.branch, task.branch));
          if (earlier) {
            ctx.report({
              at: task.idLoc ?? task.loc,
              messageId: 'task',
              data: { id, dag: dagName, line: earlier.loc.line },
              dag,
              task,
              help: 'give each task a unique task_id; Airflow refuses to load the DAG',
              related: [{ line: (earlier.idLoc ?? earlier.loc).line, column: (earlier.idLoc ?? earlier.loc).column, message: `"${id}" first defined here` }],
            });
          }
          seen.set(id, [...(seen.get(id) ?? []), task]);
        }
        const major = airflowMajor(ctx.file.airflowVersion);
        const groups = new Map<string, GroupModel>();
        for (const g of dag.groups) {
          if (g.collidesInAirflow2 && major === 2) {
            ctx.report({
              at: g.idLoc ?? g.loc,
              messageId: 'nestedGroup',
              data: { id: strOf(g.localId) ?? '', dag: dagName },
              dag,
              help: 'rename the nested group; Airflow 3 accepts it, Airflow 2 raises DuplicateTaskIdFound at import',
            });
          }
          const id = strOf(g.groupId);
          if (id === undefined) continue;
          const earlier = groups.get(id);
          if (earlier) {
            ctx.report({
              at: g.loc,
              messageId: 'group',
              data: { id, dag: dagName, line: earlier.loc.line },
              dag,
              help: 'give each task group a unique group_id, or pass add_suffix_on_collision=True',
              related: [{ line: earlier.loc.line, column: earlier.loc.column, message: `"${id}" first defined here` }],
            });
          } else groups.set(id, g);
        }
      },
    };
  },
});
