import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, NO_OP_OPERATORS } from '../src/model/index.js';
import { ByLocation, effectiveRetries, effectiveTruthy, taskNames } from '../src/model/reliability.js';

export default defineRule({
  id: 'unbounded-retry-backoff',
  category: 'retries',
  severity: 'info',
  recommended: true,
  fixable: false,
  summary: 'retry_exponential_backoff without max_retry_delay: retry waits keep doubling up to the 24-hour global cap.',
  messages: {
    unbounded: 'retry_exponential_backoff is on without max_retry_delay{where}: each retry waits about twice as long as the last, up to [core] max_task_retry_delay (24 h by default)',
  },
  create(ctx) {
    const found = new ByLocation<null>();
    return {
      task(task) {
        if ((!task.dag && !task.dagUnknown) || NO_OP_OPERATORS.has(task.operator)) return;
        const backoff = effectiveArg(task, 'retry_exponential_backoff');
        if (backoff.state !== 'known' || effectiveTruthy(backoff) !== true) return;
        if (effectiveArg(task, 'max_retry_delay').state !== 'absent') return;
        // Without retries there is nothing to back off; unknown retries: no claim.
        const retries = effectiveRetries(task);
        if (retries === undefined || retries <= 0) return;
        found.add(backoff.loc, task, null);
      },
      end() {
        for (const { at, tasks } of found.entries()) {
          ctx.report({
            at,
            messageId: 'unbounded',
            data: { where: tasks.length > 1 ? ` (tasks ${taskNames(tasks)})` : '' },
            task: tasks.length === 1 ? tasks[0]! : null,
            help: 'set max_retry_delay (for example timedelta(minutes=30)) next to retry_exponential_backoff',
          });
        }
      },
    };
  },
});
