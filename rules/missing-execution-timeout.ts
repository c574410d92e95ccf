import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, NO_OP_OPERATORS, taskLabel } from '../src/model/index.js';

export default defineRule({
  id: 'missing-execution-timeout',
  category: 'retries',
  severity: 'info',
  recommended: false,
  fixable: false,
  summary: 'A task with no execution_timeout: a hung run holds its worker slot until someone kills it.',
  messages: {
    absent: 'task "{task}" has no execution_timeout; a hung attempt runs until someone stops it ([core] default_task_execution_timeout is empty by default)',
  },
  create(ctx) {
    return {
      task(task) {
        if ((!task.dag && !task.dagUnknown) || NO_OP_OPERATORS.has(task.operator)) return;
        if (effectiveArg(task, 'execution_timeout').state !== 'absent') return;
        ctx.report({
          at: task.loc,
          messageId: 'absent',
          data: { task: taskLabel(task) },
          task,
          help: 'set execution_timeout (a timedelta) on the task or in default_args, a little above its longest normal run',
        });
      },
    };
  },
});
