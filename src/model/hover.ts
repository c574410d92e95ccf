// What the editor shows on hover over a DAG's schedule: which schedule string is under the cursor,
// what it means in words, and when a plain cron expression fires next. The language server asks
// these questions; the Python and Airflow knowledge behind the answers stays in the model.
// Pure module: no node:* imports.
import type { Range } from '../engine/types.js';
import type { ParsedFile } from '../parse/parser.js';
import { AIRFLOW_PRESETS, checkScheduleString, CRONITER_ALIASES, DAY_NAMES, MONTH_NAMES } from './cron.js';
import { describeSchedule } from './cron-describe.js';
import { dagArg } from './effective.js';
import { buildFileModel } from './index.js';
import { dagDate } from './schedule.js';

/**
 * The time zone a DAG's cron schedule runs in (Airflow: the start_date's zone, else the
 * `default_timezone` setting, which is UTC unless the deployment changes it).
 */
export type ScheduleZone =
  | { kind: 'utc' }
  | { kind: 'default' }
  | { kind: 'zone'; name: string }
  | { kind: 'unknown' };

export interface ScheduleHover {
  /** The argument that gives the schedule. */
  arg: 'schedule' | 'schedule_interval';
  /** The schedule string as Airflow receives it. */
  expr: string;
  /** What the hover covers: the string literal, or the whole keyword argument. */
  range: Range;
  /** The schedule in words, or null (a string Airflow rejects, or one airlint cannot put in words). */
  description: string | null;
  zone: ScheduleZone;
}

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Universal', 'Etc/Universal', 'Zulu', 'Etc/Zulu', 'GMT', 'Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich', 'Etc/Greenwich']);

function contains(r: Range | null | undefined, line: number, column: number): r is Range {
  if (!r) return false;
  if (line < r.line || line > r.endLine) return false;
  if (line === r.line && column < r.column) return false;
  // End exclusive, but a cursor just after the closing quote still counts as on the string.
  if (line === r.endLine && column > r.endColumn) return false;
  return true;
}

function zoneOf(parsedDate: ReturnType<typeof dagDate>): ScheduleZone {
  if (parsedDate.state === 'absent') return { kind: 'default' };
  if (parsedDate.state === 'unknown') return { kind: 'unknown' };
  const py = parsedDate.value.py;
  if (py.t !== 'datetime') return { kind: 'unknown' };
  if (py.tz === null) return { kind: 'default' };
  if (UTC_ZONES.has(py.tz) || py.tz.toLowerCase() === 'utc') return { kind: 'utc' };
  return { kind: 'zone', name: py.tz };
}

/**
 * The schedule string of a DAG at a 1-based line and UTF-16 column: the cursor is on the
 * `schedule=`/`schedule_interval=` argument of a DAG, or on the string literal that argument's value
 * comes from (a module constant, say). Null anywhere else, and for values that are not strings.
 */
export function scheduleAt(parsed: ParsedFile, line: number, column: number): ScheduleHover | null {
  if (parsed.syntaxProblems().length > 0) return null;
  const model = buildFileModel(parsed);
  for (const dag of model.dags) {
    for (const arg of ['schedule', 'schedule_interval'] as const) {
      const eff = dagArg(dag, arg);
      if (eff.state !== 'known' || eff.value.py.t !== 'str') continue;
      const onValue = contains(eff.value.loc, line, column);
      if (!onValue && !contains(eff.loc, line, column)) continue;
      const expr = eff.value.py.v;
      return {
        arg,
        expr,
        range: onValue && eff.value.loc ? eff.value.loc : eff.loc,
        description: describeSchedule(expr),
        zone: zoneOf(dagDate(dag, 'start_date')),
      };
    }
  }
  return null;
}



interface FieldSpec {
  min: number;
  max: number;
  names?: readonly string[];
  /** The first name's value (months start at 1, days at 0). */
  nameBase?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { min: 0, max: 6, names: DAY_NAMES, nameBase: 0 },
];

function atom(text: string, spec: FieldSpec): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const i = spec.names?.indexOf(text) ?? -1;
  return i >= 0 ? i + (spec.nameBase ?? 0) : null;
}

/**
 * The values one plain cron field allows: numbers, three-letter names, `*`, lists, ranges and
 * steps. Null for anything else (`L`, `W`, `#`, `R`, `H`, wrapping ranges, out-of-range values),
 * so that no time is ever computed for an expression this code might read differently than croniter.
 */
function expandField(field: string, spec: FieldSpec, isDow: boolean): Set<number> | null {
  const out = new Set<number>();
  if (isDow && field === '7') return new Set([0]);
  for (const part of field.split(',')) {
    const m = /^(\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const [, base, stepText] = m;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return null;
    let lo: number;
    let hi: number;
    if (base === '*') {
      lo = spec.min;
      hi = spec.max;
    } else {
      const [a, b] = base!.split('-');
      const from = atom(a!, spec);
      if (from === null) return null;
      lo = from;
      if (b !== undefined) {
        const to = atom(b, spec);
        if (to === null) return null;
        hi = to;
      } else {
        // `N/S` runs from N to the field's end; a lone `N` is just N.
        hi = stepText === undefined ? from : spec.max;
      }
    }
    if (lo < spec.min || hi > spec.max || lo > hi) return null;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

const restricted = (field: string): boolean => field !== '*' && field !== '?';

/**
 * The next `count` times after `from` at which a schedule string fires, read in UTC, or null when
 * the string is not a plain 5-field cron expression (or an Airflow preset / croniter alias of one)
 * or restricts both day-of-month and day-of-week (croniter then fires on days matching either).
 */
export function nextCronTimes(expr: string, from: Date, count: number): Date[] | null {
  if (expr === '@once' || expr === '@continuous' || !checkScheduleString(expr).ok) return null;
  const expanded = AIRFLOW_PRESETS[expr] ?? CRONITER_ALIASES[expr.toLowerCase()] ?? expr;
  const fields = expanded.trim().toLowerCase().split(/\s+/);
  if (fields.length !== 5) return null;
  if (restricted(fields[2]!) && restricted(fields[4]!)) return null;
  const sets: Set<number>[] = [];
  for (let i = 0; i < 5; i++) {
    const f = fields[i]!;
    const s = f === '?' && (i === 2 || i === 4) ? expandField('*', FIELDS[i]!, false) : expandField(f, FIELDS[i]!, i === 4);
    if (!s || s.size === 0) return null;
    sets.push(s);
  }
  const [minutes, hours, doms, months, dows] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const minuteList = [...minutes].sort((a, b) => a - b);
  const hourList = [...hours].sort((a, b) => a - b);

  // Strictly after `from`, to the minute (croniter's get_next).
  const startMs = Math.floor(from.getTime() / 60_000) * 60_000 + 60_000;
  const start = new Date(startMs);
  const out: Date[] = [];
  const dayMs = 86_400_000;
  let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  // Eight years covers any valid day (29 February included).
  for (let n = 0; n < 366 * 8 && out.length < count; n++, day += dayMs) {
    const d = new Date(day);
    if (!months.has(d.getUTCMonth() + 1) || !doms.has(d.getUTCDate()) || !dows.has(d.getUTCDay())) continue;
    for (const h of hourList) {
      for (const m of minuteList) {
        const t = day + h * 3_600_000 + m * 60_000;
        if (t < startMs) continue;
        out.push(new Date(t));
        if (out.length === count) return out;
      }
    }
  }
  return out.length === count ? out : null;
}
