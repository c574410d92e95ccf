import { defineRule } from '../src/engine/rule.js';
import { strOf } from '../src/model/index.js';

export default defineRule({
  id: 'empty-dag',
  category: 'structure',
  severity: 'warning',
  recommended: false,
  fixable: false,
  summary: 'A DAG whose body is fully known and defines no task.',
  messages: {
    empty: 'DAG "{dag}" defines no task; its runs do nothing',
  },
  create(ctx) {
    return {
      file(model) {
        // A loose task whose DAG cannot be known may belong to any DAG of the file.
        if (model.looseTasks.some((t) => t.dagUnknown !== null)) return;
        for (const dag of model.dags) {
          if (dag.tasks.length > 0 || dag.incomplete.length > 0) continue;
          ctx.report({
            at: dag.loc,
            messageId: 'empty',
            data: { dag: strOf(dag.dagId) ?? `<DAG at line ${dag.loc.line}>` },
            dag,
            help: 'add tasks to the DAG (inside its `with` block or @dag function, or with dag=...), or delete it',
          });
        }
      },
    };
  },
});
