import { defineRule } from '../src/engine/rule.js';
import { airflowMajor } from '../src/model/index.js';
import { dagSchedule } from '../src/model/schedule.js';

export default defineRule({
  id: 'missing-schedule',
  category: 'schedule',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'A DAG without an explicit schedule; the default changed from one day (Airflow 2) to None (Airflow 3).',
  messages: {
    missing: 'DAG has no schedule: Airflow 2 runs it every day, Airflow 3 never schedules it; set schedule explicitly',
    missing2: 'DAG has no schedule, so Airflow 2 runs it every day (timedelta(days=1)); set schedule explicitly',
    missing3: 'DAG has no schedule, so Airflow 3 never schedules it (the default is None); set schedule explicitly',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    const message = major === 2 ? { messageId: 'missing2' as const } : major !== null && major >= 3 ? { messageId: 'missing3' as const } : { messageId: 'missing' as const };
    return {
      dag(dag) {
        if (dagSchedule(dag).kind !== 'absent') return;
        ctx.report({
          at: dag.loc,
          ...message,
          dag,
          help: 'write schedule="@daily" (or a cron string, timedelta, timetable or assets), or schedule=None for a DAG that only runs when triggered',
        });
      },
    };
  },
});
