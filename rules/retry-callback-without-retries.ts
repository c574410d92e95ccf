import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, NO_OP_OPERATORS } from '../src/model/index.js';
import { ByLocation, callbackState, effectiveRetries, taskNames } from '../src/model/reliability.js';

export default defineRule({
  id: 'retry-callback-without-retries',
  category: 'alerting',
  severity: 'info',
  recommended: true,
  fixable: false,
  summary: 'on_retry_callback on a task whose effective retries is 0, so the callback can never run.',
  messages: {
    neverCalled: 'on_retry_callback is set but {subject} no retries, so it is never called',
  },
  create(ctx) {
    const found = new ByLocation<null>();
    return {
      task(task) {
        if ((!task.dag && !task.dagUnknown) || NO_OP_OPERATORS.has(task.operator)) return;
        const cb = effectiveArg(task, 'on_retry_callback');
        if (cb.state !== 'known' || callbackState(cb) !== 'set') return;
        const retries = effectiveRetries(task);
        if (retries === undefined || retries > 0) return;
        found.add(cb.loc, task, null);
      },
      end() {
        for (const { at, tasks } of found.entries()) {
          ctx.report({
            at,
            messageId: 'neverCalled',
            data: { subject: tasks.length === 1 ? 'the task has' : `tasks ${taskNames(tasks)} have` },
            task: tasks.length === 1 ? tasks[0]! : null,
            help: 'set retries on the task (or in default_args), or move the callback to on_failure_callback',
          });
        }
      },
    };
  },
});
