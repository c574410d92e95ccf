import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, dagArg } from '../src/model/index.js';
import { dagSchedule } from '../src/model/schedule.js';

export default defineRule({
  id: 'continuous-max-active-runs',
  category: 'schedule',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'schedule="@continuous" with max_active_runs above 1 (or left at its default of 16), which Airflow rejects.',
  messages: {
    tooMany: '@continuous allows one active run, but max_active_runs={value}: Airflow rejects the DAG ("ContinuousTimetable requires max_active_runs <= 1")',
    absent: '@continuous allows one active run, but max_active_runs is not set and defaults to 16{config}: Airflow rejects the DAG ("ContinuousTimetable requires max_active_runs <= 1")',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    const help = 'add max_active_runs=1 to the DAG';
    return {
      dag(dag) {
        const sched = dagSchedule(dag);
        if (sched.kind !== 'continuous') return;
        const mar = dagArg(dag, 'max_active_runs');
        if (mar.state === 'unknown') return;
        const related = sched.loc ? [{ line: sched.loc.line, column: sched.loc.column, message: 'the continuous schedule is set here' }] : [];
        if (mar.state === 'absent') {
          // Airflow 3 defaults to 16 outright; Airflow 2 to [core] max_active_runs_per_dag (16 unless configured).
          const config = major !== null && major >= 3 ? '' : ' ([core] max_active_runs_per_dag)';
          ctx.report({ at: dag.loc, messageId: 'absent', data: { config }, dag, help, related });
          return;
        }
        const py = mar.value.py;
        const n = py.t === 'int' ? py.v : py.t === 'bool' ? Number(py.v) : undefined;
        if (n === undefined || n <= 1) return;
        ctx.report({ at: mar.loc, messageId: 'tooMany', data: { value: n }, dag, help, related });
      },
    };
  },
});
