import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, strOf, taskLabel } from '../src/model/index.js';
import { effectiveTruthy, hasBaseSensorDefaults } from '../src/model/reliability.js';

export default defineRule({
  id: 'sensor-without-timeout',
  category: 'retries',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'A sensor in poke mode, not deferrable, that keeps the 7-day default timeout and holds a worker slot all that time.',
  messages: {
    poke: 'sensor "{task}" pokes in poke mode with the default timeout of 7 days ([sensors] default_timeout), holding a worker slot while it waits',
  },
  create(ctx) {
    return {
      task(task) {
        if ((!task.dag && !task.dagUnknown) || !hasBaseSensorDefaults(task)) return;
        if (effectiveArg(task, 'timeout').state !== 'absent') return;
        const mode = effectiveArg(task, 'mode');
        if (mode.state === 'unknown' || (mode.state === 'known' && strOf(mode.value) !== 'poke')) return;
        // [operators] default_deferrable is False by default; a known false value is the same.
        const deferrable = effectiveTruthy(effectiveArg(task, 'deferrable'));
        if (deferrable !== 'absent' && deferrable !== false) return;
        ctx.report({
          at: task.loc,
          messageId: 'poke',
          data: { task: taskLabel(task) },
          task,
          help: 'set timeout= to how long the wait may take, and use mode="reschedule" or deferrable=True for long waits',
        });
      },
    };
  },
});
