import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, exclusive, strOf, type BranchPath, type GroupModel, type TaskModel } from '../src/model/index.js';
import type { Range } from '../src/engine/types.js';

type Named = { kind: 'task'; task: TaskModel } | { kind: 'group'; group: GroupModel };

function seqOf(n: Named): number {
  return n.kind === 'task' ? n.task.seq : n.group.seq;
}

function branchOf(n: Named): BranchPath {
  return n.kind === 'task' ? n.task.branch : [];
}

function locOf(n: Named): Range {
  return n.kind === 'task' ? (n.task.idLoc ?? n.task.loc) : (n.group.idLoc ?? n.group.loc);
}

export default defineRule({
  id: 'duplicate-task-id',
  category: 'structure',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'Two tasks or task groups of one DAG with the same id; Airflow raises DuplicateTaskIdFound.',
  messages: {
    task: 'task_id "{id}" is already used in DAG "{dag}" (line {line})',
    group: 'group_id "{id}" is already used by a task or group in DAG "{dag}" (line {line})',
    nestedGroup: 'nested group_id "{id}" collides with the group "{id}" already in DAG "{dag}"; Airflow 2 checks the bare group_id of nested groups',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    return {
      dag(dag) {
        const dagName = strOf(dag.dagId) ?? '<unknown>';
        // Tasks and groups share one namespace, checked in the order they are created. Tasks made in
        // loops over unknown values may not exist, or exist many times: no claim about them.
        const nodes: Named[] = [...dag.tasks.map((task): Named => ({ kind: 'task', task })), ...dag.groups.map((group): Named => ({ kind: 'group', group }))];
        nodes.sort((a, b) => seqOf(a) - seqOf(b));
        const seen = new Map<string, Named[]>();
        for (const node of nodes) {
          if (node.kind === 'group' && node.group.collidesInAirflow2 && major === 2) {
            const g = node.group;
            ctx.report({
              at: g.idLoc ?? g.loc,
              messageId: 'nestedGroup',
              data: { id: strOf(g.localId) ?? '', dag: dagName },
              dag,
              help: 'rename the nested group; Airflow 3 accepts it, Airflow 2 raises DuplicateTaskIdFound at import',
            });
          }
          const id = strOf(node.kind === 'task' ? node.task.taskId : node.group.groupId);
          if (id === undefined || (node.kind === 'task' && node.task.repeated)) continue;
          const earlier = (seen.get(id) ?? []).find((e) => !exclusive(branchOf(e), branchOf(node)));
          seen.set(id, [...(seen.get(id) ?? []), node]);
          if (!earlier) continue;
          const first = locOf(earlier);
          const related = [{ line: first.line, column: first.column, message: `"${id}" first defined here` }];
          if (node.kind === 'task') {
            ctx.report({ at: locOf(node), messageId: 'task', data: { id, dag: dagName, line: first.line }, dag, task: node.task, help: 'give each task a unique task_id; Airflow refuses to load the DAG', related });
          } else {
            ctx.report({ at: locOf(node), messageId: 'group', data: { id, dag: dagName, line: first.line }, dag, help: 'give each task group a unique group_id, or pass add_suffix_on_collision=True', related });
          }
        }
      },
    };
  },
});
