import { defineRule } from '../src/engine/rule.js';
import { taskLabel } from '../src/model/index.js';
import { CONN_ID_NAME } from '../src/model/connections.js';
import { baseOperatorParams, canonicalOperatorName, operatorFacts } from '../src/model/providers.js';

/** The generic common.sql operators: they take `conn_id` and resolve the hook from the connection type. */
const GENERIC_SQL = new Set([
  'SQLExecuteQueryOperator',
  'SQLCheckOperator',
  'SQLValueCheckOperator',
  'SQLIntervalCheckOperator',
  'SQLThresholdCheckOperator',
  'SQLColumnCheckOperator',
  'SQLTableCheckOperator',
  'BranchSQLOperator',
]);

export default defineRule({
  id: 'wrong-conn-id-argument',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A provider-specific connection keyword (postgres_conn_id, redshift_conn_id, ...) passed to SQLExecuteQueryOperator or a generic SQL check operator, which take conn_id.',
  messages: {
    wrong: '{operator} does not take {arg}; it takes conn_id (Airflow rejects the task: "Invalid arguments were passed to {operator}")',
  },
  create(ctx) {
    return {
      task(task) {
        const operator = task.operator.split('.').pop() ?? '';
        const canonical = canonicalOperatorName(task.operator);
        // Only the classes themselves (and their airflow.operators.sql paths): old Presto/Check
        // operators with other names took their own keywords.
        if (!GENERIC_SQL.has(operator) || !canonical?.startsWith('airflow.providers.common.sql.')) return;
        const facts = operatorFacts(canonical);
        if (!facts) return;
        const accepted = new Set([...facts.params, ...baseOperatorParams('operator')]);
        for (const slot of task.args.kwargs.values()) {
          if (slot.name === 'conn_id' || !CONN_ID_NAME.test(slot.name) || accepted.has(slot.name)) continue;
          ctx.report({
            at: slot.loc,
            messageId: 'wrong',
            data: { operator, arg: slot.name },
            task,
            help: `write conn_id=... instead of ${slot.name}=...; task "${taskLabel(task)}" picks its hook (Postgres, Redshift, ...) from the connection's type`,
          });
        }
      },
    };
  },
});
