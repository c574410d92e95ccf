import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, NO_OP_OPERATORS } from '../src/model/index.js';
import { ByLocation, effectiveTruthy, taskNames } from '../src/model/reliability.js';

export default defineRule({
  id: 'email-alert-without-recipient',
  category: 'alerting',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'email_on_failure or email_on_retry set to True with no email address, so no email is ever sent.',
  messages: {
    noRecipient: '{arg}=True but {subject} no email address, so Airflow sends nothing',
  },
  create(ctx) {
    const found = new ByLocation<{ arg: string }>();
    return {
      task(task) {
        if ((!task.dag && !task.dagUnknown) || NO_OP_OPERATORS.has(task.operator)) return;
        const email = effectiveTruthy(effectiveArg(task, 'email'));
        if (email !== false && email !== 'absent') return;
        for (const arg of ['email_on_failure', 'email_on_retry']) {
          const eff = effectiveArg(task, arg);
          if (eff.state === 'known' && effectiveTruthy(eff) === true) found.add(eff.loc, task, { arg });
        }
      },
      end() {
        for (const { at, first, tasks } of found.entries()) {
          const subject = tasks.length === 1 ? 'the task has' : `tasks ${taskNames(tasks)} have`;
          ctx.report({
            at,
            messageId: 'noRecipient',
            data: { arg: first.arg, subject },
            task: tasks.length === 1 ? tasks[0]! : null,
            help: 'add "email": ["team@example.com"] next to it (and configure SMTP), or use an on_failure_callback notifier instead',
          });
        }
      },
    };
  },
});
