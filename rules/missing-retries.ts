import { defineRule } from '../src/engine/rule.js';
import { asRetryCount, effectiveArg, NO_OP_OPERATORS, taskLabel } from '../src/model/index.js';

const INHERITED: Record<string, string> = {
  'task-default-args': "the operator's default_args",
  'group-default-args': "the task group's default_args",
  'dag-default-args': "the DAG's default_args",
};

export default defineRule({
  id: 'missing-retries',
  category: 'retries',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'A task whose effective retries is absent or below the minimum, so one transient failure fails the run.',
  options: {
    minimum: { type: 'integer', default: 1, minimum: 0, description: 'The smallest acceptable number of retries.' },
  },
  messages: {
    absent: 'task "{task}" has no retries (Airflow defaults to 0); set retries on the task or in default_args',
    low: 'task "{task}" has retries={value}, below the minimum of {minimum}',
    lowInherited: 'task "{task}" inherits retries={value} from {source}, below the minimum of {minimum}',
  },
  create(ctx) {
    const minimum = ctx.options.minimum;
    return {
      task(task) {
        // A task attached to no DAG never runs; no-op operators cannot fail.
        if ((!task.dag && !task.dagUnknown) || NO_OP_OPERATORS.has(task.operator)) return;
        const eff = effectiveArg(task, 'retries');
        if (eff.state === 'unknown') return;
        const help = `retries=${Math.max(minimum, 1)} with a retry_delay absorbs throttling and transient network errors`;
        if (eff.state === 'absent') {
          if (minimum > 0) ctx.report({ at: task.loc, messageId: 'absent', data: { task: taskLabel(task) }, task, help });
          return;
        }
        const count = asRetryCount(eff.value);
        if (count === undefined || count === 'invalid' || count < 0 || count >= minimum) return;
        const data = { task: taskLabel(task), value: count, minimum };
        if (eff.source in INHERITED) {
          ctx.report({
            at: task.loc,
            messageId: 'lowInherited',
            data: { ...data, source: INHERITED[eff.source]! },
            task,
            help,
            related: [{ line: eff.loc.line, column: eff.loc.column, message: `retries=${count} set here` }],
          });
        } else ctx.report({ at: eff.loc, messageId: 'low', data, task, help });
      },
    };
  },
});
