import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, dagArg } from '../src/model/index.js';
import { dagDate, dagSchedule } from '../src/model/schedule.js';

export default defineRule({
  id: 'missing-start-date',
  category: 'schedule',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'A scheduled DAG with no start_date on the DAG or in its default_args.',
  messages: {
    missing: 'DAG has schedule {arg}={value} but no start_date: Airflow 2 rejects it at import ("DAG is missing the start_date parameter") and Airflow 3 starts from whenever it is first parsed; set start_date on the DAG',
    missing2: 'DAG has schedule {arg}={value} but no start_date: Airflow 2 rejects it at import ("DAG is missing the start_date parameter"); set start_date on the DAG',
    catchup3: 'DAG has catchup=True and schedule {arg}={value} but no start_date: Airflow 3 rejects it at import ("start_date is required when catchup=True")',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    return {
      dag(dag) {
        const sched = dagSchedule(dag);
        const scheduled = ['time', 'once', 'continuous'].includes(sched.kind) || (major === 2 && sched.kind === 'assets');
        if (!scheduled || !sched.arg || dagDate(dag, 'start_date').state !== 'absent') return;
        let message: { messageId: 'missing' | 'missing2' | 'catchup3' } = major === 2 ? { messageId: 'missing2' } : { messageId: 'missing' };
        if (major !== null && major >= 3) {
          // Airflow 3 loads it (runs start from the first parse) unless catchup asks for a backfill.
          const catchup = dagArg(dag, 'catchup');
          if (catchup.state !== 'known' || catchup.value.py.t !== 'bool' || !catchup.value.py.v) return;
          message = { messageId: 'catchup3' };
        }
        const slot = dag.args.kwargs.get(sched.arg);
        const v = slot?.value;
        const value = v?.k === 'known' && v.py.t === 'str' ? JSON.stringify(v.py.v) : '...';
        ctx.report({
          at: dag.loc,
          ...message,
          data: { arg: sched.arg, value },
          dag,
          help: 'add start_date=pendulum.datetime(2024, 1, 1, tz="UTC") (a fixed date) to the DAG',
          ...(slot ? { related: [{ line: slot.loc.line, column: slot.loc.column, message: 'the schedule is set here' }] } : {}),
        });
      },
    };
  },
});
