// What a DAG's schedule and dates are, as far as the model knows, for the schedule rules.
// Sources: Airflow 2.10 `airflow/models/dag.py` (`DAG.__init__`, `create_timetable`) and Airflow 3.0
// `task-sdk/src/airflow/sdk/definitions/dag.py` (`_create_timetable`, the attrs validators).
import type { Range } from '../engine/types.js';
import { dagArg } from './effective.js';
import type { DagModel, DictEntry, EffectiveArg, Known, Value } from './types.js';
import { dictLookup } from './values.js';

/**
 * - `absent`: no schedule argument at all (Airflow 2: one day; Airflow 3: None);
 * - `none`: never scheduled (`None`, `NullTimetable`);
 * - `once`, `continuous`: `@once` / `@continuous` (or their timetables);
 * - `time`: a cron string or preset, an interval, or a time-based timetable;
 * - `assets`: a list of assets/datasets or an asset expression (data-aware);
 * - `other`: a value the rules do not judge (a custom timetable, a wrong type);
 * - `unknown`: the model cannot tell.
 */
export type ScheduleKind = 'absent' | 'none' | 'once' | 'continuous' | 'time' | 'assets' | 'other' | 'unknown';

export interface DagSchedule {
  kind: ScheduleKind;
  /** The argument that set it (`schedule`, `schedule_interval` or `timetable`). */
  arg?: string;
  loc?: Range;
  /** Airflow 2's `bool(value)` for the argument: a truthy schedule without start_date is rejected. */
  truthy?: boolean;
}

export const SCHEDULE_ARGS = ['schedule', 'schedule_interval', 'timetable'] as const;

const TIME_TIMETABLES = /\.(CronTriggerTimetable|CronDataIntervalTimetable|DeltaDataIntervalTimetable|DeltaTriggerTimetable|MultipleCronTriggerTimetable|EventsTimetable|AssetOrTimeSchedule|DatasetOrTimeSchedule|CronPartitionTimetable)$/;
const ASSET_CLASSES = /^airflow\..*\.(Asset|Dataset|AssetAll|AssetAny|DatasetAll|DatasetAny|AssetAlias|DatasetAlias|Model)$|^airflow\.(sdk|datasets)\.(Asset|Dataset|AssetAll|AssetAny|DatasetAll|DatasetAny|AssetAlias|DatasetAlias)$/;

function classify(v: Known): { kind: ScheduleKind; truthy: boolean } {
  const py = v.py;
  switch (py.t) {
    case 'none':
      return { kind: 'none', truthy: false };
    case 'str':
      if (py.v === '@once') return { kind: 'once', truthy: true };
      if (py.v === '@continuous') return { kind: 'continuous', truthy: true };
      return { kind: py.v === '' ? 'other' : 'time', truthy: py.v !== '' };
    case 'timedelta':
      return { kind: py.seconds > 0 ? 'time' : 'other', truthy: py.seconds !== 0 };
    case 'list':
      return { kind: py.items.length > 0 ? 'assets' : 'other', truthy: py.items.length > 0 };
    case 'instance':
      if (/\.ContinuousTimetable$/.test(py.qname)) return { kind: 'continuous', truthy: true };
      if (/\.OnceTimetable$/.test(py.qname)) return { kind: 'once', truthy: true };
      if (/\.NullTimetable$/.test(py.qname)) return { kind: 'none', truthy: true };
      if (TIME_TIMETABLES.test(py.qname) || py.qname === 'dateutil.relativedelta.relativedelta') return { kind: 'time', truthy: true };
      if (ASSET_CLASSES.test(py.qname)) return { kind: 'assets', truthy: true };
      return { kind: 'other', truthy: true };
    default:
      return { kind: 'other', truthy: true };
  }
}

/** The DAG's schedule: the first of `schedule`, `schedule_interval`, `timetable` it passes. */
export function dagSchedule(dag: DagModel): DagSchedule {
  for (const arg of SCHEDULE_ARGS) {
    const eff = dagArg(dag, arg);
    if (eff.state === 'absent') continue;
    if (eff.state === 'unknown') return { kind: 'unknown', arg, ...(eff.loc ? { loc: eff.loc } : {}) };
    return { arg, loc: eff.loc, ...classify(eff.value) };
  }
  return dag.args.splat ? { kind: 'unknown' } : { kind: 'absent' };
}

/** The DAG's `default_args` entry for a key: found, absent, or unknown (default_args not knowable). */
export function dagDefault(dag: DagModel, key: string): { state: 'found'; entry: DictEntry } | { state: 'absent' } | { state: 'unknown' } {
  const da = dagArg(dag, 'default_args');
  if (da.state === 'absent') return { state: 'absent' };
  if (da.state === 'unknown') return { state: 'unknown' };
  const l = dictLookup(da.value, key);
  return l.state === 'found' ? l : l.state === 'absent' ? { state: 'absent' } : { state: 'unknown' };
}

/** A date the DAG gets, from its own argument or else from its `default_args` (as `DAG.__init__` reads them). */
export type DagDate =
  | { state: 'known'; value: Known; loc: Range; from: 'dag' | 'default_args' }
  | { state: 'unknown'; clock: boolean; loc?: Range; from?: 'dag' | 'default_args' }
  | { state: 'absent' };

export function dagDate(dag: DagModel, name: 'start_date' | 'end_date'): DagDate {
  const own: EffectiveArg = dagArg(dag, name);
  if (own.state === 'known' && own.value.py.t !== 'none') return { state: 'known', value: own.value, loc: own.loc, from: 'dag' };
  if (own.state === 'unknown') return { state: 'unknown', clock: !!own.clock, ...(own.loc ? { loc: own.loc, from: 'dag' as const } : {}) };
  const d = dagDefault(dag, name);
  if (d.state === 'unknown') return { state: 'unknown', clock: false };
  if (d.state === 'absent') return { state: 'absent' };
  const v: Value = d.entry.value;
  const loc = d.entry.loc ?? v.loc;
  if (v.k === 'unknown') return { state: 'unknown', clock: !!v.clock, ...(loc ? { loc, from: 'default_args' as const } : {}) };
  // `{"start_date": None}` still counts as given for Airflow 2's start_date check: leave it to no rule.
  if (v.py.t === 'none' || !loc) return { state: 'unknown', clock: false };
  return { state: 'known', value: v, loc, from: 'default_args' };
}

type DateTimePy = { t: 'datetime'; iso: string; tz: string | null };

/** The most a time zone's UTC offset can differ from another's: UTC-12 to UTC+14. */
const MAX_OFFSET_SPREAD_MS = 26 * 3600 * 1000;

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Universal', 'Etc/Universal', 'Zulu', 'Etc/Zulu', 'GMT', 'Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich', 'Etc/Greenwich']);

/**
 * Whether instant `a` is certainly before, equal to or after `b`, or undefined when time zones make it
 * uncertain. Equal zones (or both naive, read in the same default zone) compare wall times; other
 * pairs are judged only when the wall times differ by more than any two UTC offsets can.
 */
export function compareDates(a: DateTimePy, b: DateTimePy): 'before' | 'equal' | 'after' | undefined {
  const wa = Date.parse(`${a.iso}Z`);
  const wb = Date.parse(`${b.iso}Z`);
  if (Number.isNaN(wa) || Number.isNaN(wb)) return undefined;
  const zone = (tz: string | null): string | null => (tz !== null && (UTC_NAMES.has(tz) || tz.toLowerCase() === 'utc') ? 'UTC' : tz);
  if (zone(a.tz) === zone(b.tz)) return wa < wb ? 'before' : wa > wb ? 'after' : 'equal';
  if (wa + MAX_OFFSET_SPREAD_MS < wb) return 'before';
  if (wb + MAX_OFFSET_SPREAD_MS < wa) return 'after';
  return undefined;
}
