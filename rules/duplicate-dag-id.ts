import { defineRule } from '../src/engine/rule.js';
import { exclusive, strOf, type DagModel } from '../src/model/index.js';

export default defineRule({
  id: 'duplicate-dag-id',
  category: 'structure',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'Two DAGs with the same dag_id; only one of them reaches the scheduler.',
  messages: {
    duplicate: 'dag_id "{id}" is already used by the DAG at line {line}',
    duplicateFactory: 'dag_id "{id}" is built twice: by the calls at lines {first} and {second}',
    duplicateLoop: 'dag_id "{id}" is built more than once by the call at line {call}',
    duplicateFile: 'dag_id "{id}" is also defined in {others}; Airflow keeps only one of these DAGs',
  },
  create(ctx) {
    return {
      file(model) {
        const seen = new Map<string, DagModel[]>();
        for (const dag of model.dags) {
          const id = strOf(dag.dagId);
          if (id === undefined || dag.repeated) continue;
          const earlier = (seen.get(id) ?? []).find((d) => !exclusive(d.branch, dag.branch));
          if (earlier) {
            const first = earlier.idLoc ?? earlier.loc;
            const factory = !!dag.callSite && !!earlier.callSite;
            const sameCall = factory && dag.callSite!.line === earlier.callSite!.line;
            ctx.report({
              at: dag.idLoc ?? dag.loc,
              ...(!factory
                ? { messageId: 'duplicate', data: { id, line: first.line } }
                : sameCall
                  ? { messageId: 'duplicateLoop', data: { id, call: dag.callSite!.line } }
                  : { messageId: 'duplicateFactory', data: { id, first: earlier.callSite!.line, second: dag.callSite!.line } }),
              dag,
              help: 'give each DAG a unique dag_id; Airflow keeps only one DAG per id and silently drops the other',
              related: [
                { line: first.line, column: first.column, message: `"${id}" first defined here` },
                ...(factory && !sameCall ? [{ line: dag.callSite!.line, column: dag.callSite!.column, message: 'the second DAG is built by this call' }] : []),
              ],
            });
          }
          seen.set(id, [...(seen.get(id) ?? []), dag]);
        }
      },
    };
  },
  checkProject(ctx) {
    const { facts, index } = ctx.project;
    const done = new Set<string>();
    for (const dag of facts.dags) {
      if (done.has(dag.id)) continue;
      done.add(dag.id);
      const elsewhere = index.definitions(dag.id).filter((d) => d.path !== ctx.path);
      if (elsewhere.length === 0) continue;
      const files = [...new Set(elsewhere.map((d) => d.path))];
      ctx.report({
        at: dag.at,
        messageId: 'duplicateFile',
        data: { id: dag.id, others: files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` },
        dagId: dag.id,
        help: 'give each DAG a unique dag_id: each file is parsed on its own, so the scheduler keeps whichever file it parsed last and the other DAG silently disappears',
        related: elsewhere.map((d) => ({ path: d.path, line: d.dag.at.line, column: d.dag.at.column, message: `"${dag.id}" is also defined here` })),
      });
    }
  },
});
