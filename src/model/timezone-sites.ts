// Where a DAG file names a time zone with a literal string, for `invalid-timezone`: the values a DAG
// and its tasks receive, searched for `pendulum.timezone("...")`, `ZoneInfo("...")`, `Timezone("...")`,
// `pendulum.datetime(..., tz="...")` / `datetime(..., tzinfo=...)` and the `timezone=` of timetables.
import type { Range } from '../engine/types.js';
import type { DagModel, TaskModel, Value } from './types.js';

export interface TimeZoneSite {
  name: string;
  /** Where the name (or the datetime carrying it) is written. */
  at: Range;
  /** What reads the name: `pendulum.timezone` ignores the case of "utc", `ZoneInfo` does not. */
  reader: 'pendulum' | 'zoneinfo';
  /** The call that takes the name, for messages. */
  call: string;
}

/** Calls that take a zone name first: qualified name → reader. */
const ZONE_FACTORIES: Readonly<Record<string, 'pendulum' | 'zoneinfo'>> = {
  'pendulum.timezone': 'pendulum',
  'pendulum.tz.timezone': 'pendulum',
  'pendulum.Timezone': 'zoneinfo',
  'pendulum.tz.Timezone': 'zoneinfo',
  'pendulum.tz.timezone.Timezone': 'zoneinfo',
  'zoneinfo.ZoneInfo': 'zoneinfo',
  'airflow.sdk.timezone.Timezone': 'zoneinfo',
};

const MAX_DEPTH = 8;

/** Every literal zone name reachable from the given values, each reported once per place. */
export function timeZoneSites(roots: readonly (Value | null | undefined)[]): TimeZoneSite[] {
  const out: TimeZoneSite[] = [];
  const seenValues = new Set<Value>();
  const seenSites = new Set<string>();
  const add = (name: string, at: Range | null, reader: TimeZoneSite['reader'], call: string): void => {
    if (!at) return;
    const k = `${at.line}:${at.column}:${name}`;
    if (seenSites.has(k)) return;
    seenSites.add(k);
    out.push({ name, at, reader, call });
  };
  const visit = (v: Value | null | undefined, depth: number): void => {
    if (!v || v.k !== 'known' || depth > MAX_DEPTH || seenValues.has(v)) return;
    seenValues.add(v);
    const py = v.py;
    switch (py.t) {
      case 'datetime':
        if (py.tz !== null) add(py.tz, v.loc, 'pendulum', 'the datetime');
        return;
      case 'list':
        for (const item of py.items) visit(item, depth + 1);
        return;
      case 'dict':
        for (const e of py.entries) visit(e.value, depth + 1);
        return;
      case 'instance': {
        const reader = ZONE_FACTORIES[py.qname];
        const short = py.qname.split('.').slice(-2).join('.');
        if (reader) {
          const first = py.args.positional[0] ?? py.args.kwargs.get('key')?.value ?? py.args.kwargs.get('name')?.value;
          if (first?.k === 'known' && first.py.t === 'str') add(first.py.v, first.loc ?? v.loc, reader, `${short}()`);
          return;
        }
        if (/Timetable$/.test(py.qname)) {
          for (const kw of ['timezone', 'tz']) {
            const z = py.args.kwargs.get(kw)?.value;
            if (z?.k === 'known' && z.py.t === 'str') add(z.py.v, z.loc ?? v.loc, 'pendulum', `${short}(${kw}=)`);
          }
          const second = /\.CronDataIntervalTimetable$/.test(py.qname) ? py.args.positional[1] : undefined;
          if (second?.k === 'known' && second.py.t === 'str') add(second.py.v, second.loc ?? v.loc, 'pendulum', `${short}()`);
        }
        for (const a of py.args.positional) visit(a, depth + 1);
        for (const s of py.args.kwargs.values()) visit(s.value, depth + 1);
        return;
      }
      default:
        return;
    }
  };
  for (const r of roots) visit(r, 0);
  return out;
}

/** The values a DAG receives: its arguments (default_args included). */
export function dagValues(dag: DagModel): Value[] {
  return [...dag.args.kwargs.values()].map((s) => s.value);
}

/** The values a task receives from its own call and its own/group default_args (the DAG's are the DAG's). */
export function taskValues(task: TaskModel): Value[] {
  const out = [...task.args.kwargs.values()].map((s) => s.value);
  if (task.ownDefaultArgs) out.push(task.ownDefaultArgs);
  for (let g = task.group; g; g = g.parent) if (g.defaultArgs) out.push(g.defaultArgs);
  return out;
}
