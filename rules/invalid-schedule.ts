import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, dagArg, pyTypeName, type DagModel, type Value } from '../src/model/index.js';
import { AIRFLOW_PRESETS, checkScheduleString } from '../src/model/cron.js';
import type { Range } from '../src/engine/types.js';

/** Timetables whose first argument (or `cron=`) is a cron expression. */
const CRON_TIMETABLES = /\.(CronTriggerTimetable|CronDataIntervalTimetable|CronPartitionTimetable)$/;

export default defineRule({
  id: 'invalid-schedule',
  category: 'schedule',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A schedule Airflow would reject: a bad cron string or preset, a non-positive timedelta, or a value of the wrong type.',
  messages: {
    cron: 'invalid schedule "{expr}": {detail}',
    timedelta: '{arg} is a timedelta of {seconds} seconds; it must be positive',
    type: '{arg} cannot be a {type}; use a cron string or preset, a timedelta, a timetable, or assets',
    assetItem: '{arg} lists a {type}; a list schedule must contain assets (datasets)',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    const checkCron = (v: Value, arg: string, at: Range, dag: DagModel, inTimetable = false): void => {
      if (v.k !== 'known' || v.py.t !== 'str') return;
      let r = checkScheduleString(v.py.v, major === 2 || major === 3 ? major : undefined);
      // A cron timetable resolves the cron presets, but @once and @continuous are not cron schedules.
      if (inTimetable && r.ok && r.kind === 'preset' && AIRFLOW_PRESETS[v.py.v] === null) r = { ok: false, message: `"${v.py.v}" is not a cron expression; a cron timetable needs a cron string or a cron preset` };
      if (!r.ok) ctx.report({ at, messageId: 'cron', data: { expr: v.py.v, detail: r.message }, dag, help: `see Airflow's cron presets and croniter syntax; "${arg}" is checked when the DAG file is imported` });
    };
    return {
      dag(dag) {
        for (const arg of ['schedule', 'schedule_interval', 'timetable']) {
          const eff = dagArg(dag, arg);
          if (eff.state !== 'known') continue;
          const { py } = eff.value;
          const at = eff.loc;
          switch (py.t) {
            case 'none':
              break;
            case 'str':
              // Airflow 2 also resolves a string given as `timetable=` like a schedule.
              checkCron(eff.value, arg, at, dag);
              break;
            case 'timedelta':
              if (py.seconds <= 0) ctx.report({ at, messageId: 'timedelta', data: { arg, seconds: py.seconds }, dag });
              break;
            case 'instance':
              if (CRON_TIMETABLES.test(py.qname)) {
                const cron = py.args.kwargs.get('cron')?.value ?? py.args.positional[0];
                if (cron) checkCron(cron, arg, at, dag, true);
              }
              break;
            case 'list':
              if (arg !== 'schedule') break;
              for (const item of py.items) {
                if (item.k === 'known' && ['str', 'int', 'float', 'bool', 'none', 'timedelta'].includes(item.py.t)) {
                  ctx.report({ at, messageId: 'assetItem', data: { arg, type: pyTypeName(item.py) }, dag });
                  break;
                }
              }
              break;
            case 'int':
            case 'float':
            case 'bool':
            case 'dict':
            case 'datetime':
              ctx.report({ at, messageId: 'type', data: { arg, type: pyTypeName(py) }, dag });
              break;
            default:
              break;
          }
        }
      },
    };
  },
});
