import { defineRule } from '../src/engine/rule.js';
import { airflowMajor } from '../src/model/index.js';

export default defineRule({
  id: 'deprecated-schedule-argument',
  category: 'schedule',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'schedule_interval= or timetable= on a DAG: deprecated in Airflow 2.4, removed in 3.0 (a TypeError there).',
  messages: {
    deprecated: '{arg}= is deprecated since Airflow 2.4 and removed in Airflow 3.0; use schedule=',
    removed: '{arg}= was removed in Airflow 3.0: DAG() raises TypeError and the file does not import; use schedule=',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    const removed = major !== null && major >= 3;
    return {
      dag(dag) {
        for (const arg of ['schedule_interval', 'timetable']) {
          const slot = dag.args.kwargs.get(arg);
          if (!slot) continue;
          ctx.report({
            at: slot.loc,
            ...(removed ? { messageId: 'removed' as const, severity: 'error' as const } : { messageId: 'deprecated' as const }),
            data: { arg },
            dag,
            help: `rename ${arg}= to schedule=; it takes the same values (cron strings, presets, timedeltas, timetables)`,
          });
        }
      },
    };
  },
});
