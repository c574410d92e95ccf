import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, dagArg } from '../src/model/index.js';
import { dagSchedule } from '../src/model/schedule.js';

export default defineRule({
  id: 'implicit-catchup',
  category: 'schedule',
  severity: 'info',
  recommended: true,
  fixable: false,
  summary: 'A time-scheduled DAG that does not set catchup, whose default differs between Airflow 2 (True) and 3 (False).',
  messages: {
    implicit: 'DAG does not set catchup: Airflow 2 backfills every interval since start_date by default, Airflow 3 does not; set catchup explicitly',
    implicit2: 'DAG does not set catchup, so Airflow 2 backfills every interval since start_date ([scheduler] catchup_by_default = True); set catchup explicitly',
    implicit3: 'DAG does not set catchup, so it follows [scheduler] catchup_by_default (False in Airflow 3, True in Airflow 2 and where a deployment overrides it); set catchup explicitly',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    const message = major === 2 ? { messageId: 'implicit2' as const } : major !== null && major >= 3 ? { messageId: 'implicit3' as const } : { messageId: 'implicit' as const };
    return {
      dag(dag) {
        if (dagSchedule(dag).kind !== 'time' || dagArg(dag, 'catchup').state !== 'absent') return;
        ctx.report({
          at: dag.loc,
          ...message,
          dag,
          help: 'write catchup=False to run only the latest interval, or catchup=True to backfill from start_date',
        });
      },
    };
  },
});
