import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, dagArg } from '../src/model/index.js';

export default defineRule({
  id: 'missing-dagrun-timeout',
  category: 'alerting',
  severity: 'info',
  recommended: false,
  fixable: false,
  summary: 'A scheduled DAG without dagrun_timeout: a hung run stays running and blocks the next ones.',
  messages: {
    absent: 'scheduled DAG has no dagrun_timeout; a run that hangs stays "running" (and counts against max_active_runs) until someone fails it',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    return {
      dag(dag) {
        if (dagArg(dag, 'dagrun_timeout').state !== 'absent') return;
        let scheduled: boolean | undefined;
        for (const arg of ['schedule', 'schedule_interval', 'timetable']) {
          const eff = dagArg(dag, arg);
          if (eff.state === 'absent') continue;
          if (eff.state === 'unknown') return;
          const py = eff.value.py;
          // None: manual runs only; "@once": a single run. Anything else creates runs on its own.
          scheduled = !(py.t === 'none' || (py.t === 'str' && py.v.trim() === '@once'));
          break;
        }
        // No schedule at all: Airflow 2 schedules daily, Airflow 3 never; unknown version: no claim.
        if (scheduled === undefined) scheduled = major === 2;
        if (!scheduled) return;
        ctx.report({
          at: dag.loc,
          messageId: 'absent',
          dag,
          help: 'set dagrun_timeout (a timedelta) a little above the longest normal run, so a stuck run fails and alerts',
        });
      },
    };
  },
});
