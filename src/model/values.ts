// Small helpers over model values: constructors, Python truthiness and str(), dict lookup.
import type { Range } from '../engine/types.js';
import type { DictEntry, Known, Py, Unknown, Value } from './types.js';

export function known(py: Py, loc: Range | null): Known {
  return { k: 'known', py, loc };
}

export function unknown(reason: string, loc: Range | null, clock = false): Unknown {
  return clock ? { k: 'unknown', reason, loc, clock } : { k: 'unknown', reason, loc };
}

export const NONE: Py = { t: 'none' };

/** The string of a known `str` value, else undefined. */
export function strOf(v: Value | undefined | null): string | undefined {
  return v && v.k === 'known' && v.py.t === 'str' ? v.py.v : undefined;
}

/** A known string Airflow does not render as a template (no Jinja `{{`): an id or URI as it will be used. */
export function untemplatedStr(v: Value | undefined | null): string | undefined {
  const s = strOf(v);
  return s !== undefined && !s.includes('{{') ? s : undefined;
}

/** Python truthiness of a known value; undefined when it cannot be told. */
export function truthy(py: Py): boolean | undefined {
  switch (py.t) {
    case 'none':
      return false;
    case 'bool':
      return py.v;
    case 'int':
    case 'float':
      return py.v !== 0;
    case 'str':
      return py.v.length > 0;
    case 'list':
      return py.items.length > 0;
    case 'dict':
      return py.entries.length > 0 ? true : py.open ? undefined : false;
    case 'timedelta':
      return py.seconds !== 0;
    default:
      return true;
  }
}

/** Python `str(x)` for values whose text is certain; undefined otherwise. */
export function pyStr(py: Py): string | undefined {
  switch (py.t) {
    case 'none':
      return 'None';
    case 'bool':
      return py.v ? 'True' : 'False';
    case 'int':
      return String(py.v);
    case 'float':
      return Number.isInteger(py.v) && Math.abs(py.v) < 1e16 ? `${py.v}.0` : String(py.v);
    case 'str':
      return py.v;
    default:
      return undefined;
  }
}

/** Structural equality for scalar Python values (None, bool, numbers, str); undefined when not comparable. */
export function pyEquals(a: Py, b: Py): boolean | undefined {
  const num = (p: Py): number | undefined =>
    p.t === 'int' || p.t === 'float' ? p.v : p.t === 'bool' ? (p.v ? 1 : 0) : undefined;
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  const scalar = (p: Py): boolean => p.t === 'str' || p.t === 'none' || num(p) !== undefined;
  if (a.t === 'str' && b.t === 'str') return a.v === b.v;
  if (a.t === 'none' && b.t === 'none') return true;
  if (scalar(a) && scalar(b)) return false;
  return undefined;
}

export type Lookup = { state: 'found'; entry: DictEntry } | { state: 'absent' } | { state: 'unknown'; reason: string };

/** Looks a key up in a dict value: found (last entry wins), certainly absent, or unknown (open dict). */
export function dictLookup(dict: Value, key: string): Lookup {
  if (dict.k === 'unknown') return { state: 'unknown', reason: dict.reason };
  if (dict.py.t === 'none') return { state: 'absent' };
  if (dict.py.t !== 'dict') return { state: 'unknown', reason: `not a dict (${dict.py.t})` };
  for (let i = dict.py.entries.length - 1; i >= 0; i--) {
    const e = dict.py.entries[i]!;
    if (e.key === key) return { state: 'found', entry: e };
  }
  return dict.py.open ? { state: 'unknown', reason: dict.py.open } : { state: 'absent' };
}

/** Sets a key in a known dict in place (Python dicts are mutable and shared by reference). */
export function dictSet(py: Extract<Py, { t: 'dict' }>, entry: DictEntry): void {
  const i = py.entries.findIndex((e) => e.key === entry.key);
  if (i >= 0) py.entries.splice(i, 1);
  py.entries.push(entry);
}

/** A shallow copy of a dict value (what `dict(d)`, `d.copy()` and `{**d}` produce). */
export function dictCopy(py: Extract<Py, { t: 'dict' }>): Extract<Py, { t: 'dict' }> {
  return { t: 'dict', entries: py.entries.slice(), open: py.open };
}

/** Human-readable type name, for messages. */
export function pyTypeName(py: Py): string {
  switch (py.t) {
    case 'none':
      return 'None';
    case 'list':
      return py.tuple ? 'tuple' : 'list';
    case 'ref':
      return py.qname;
    case 'instance':
      return py.qname.split('.').pop() ?? py.qname;
    case 'func':
    case 'lambda':
      return 'function';
    default:
      return py.t;
  }
}

/** A short rendering of a known value for messages and `inspect` (never used for secrets). */
export function render(py: Py, depth = 0): unknown {
  switch (py.t) {
    case 'none':
      return null;
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
      return py.v;
    case 'list':
      return depth > 3 ? '[...]' : py.items.map((v) => (v.k === 'known' ? render(v.py, depth + 1) : { unknown: v.reason }));
    case 'dict': {
      if (depth > 3) return '{...}';
      const o: Record<string, unknown> = {};
      for (const e of py.entries) o[e.key] = e.value.k === 'known' ? render(e.value.py, depth + 1) : { unknown: e.value.reason };
      if (py.open) o['**'] = { unknown: py.open };
      return o;
    }
    case 'timedelta':
      return { timedelta: py.seconds };
    case 'datetime':
      return { datetime: py.iso, tz: py.tz };
    case 'ref':
      return { ref: py.qname };
    case 'instance':
      return { instance: py.qname };
    case 'func':
      return { function: py.fn.name };
    case 'lambda':
      return { function: '<lambda>' };
    case 'class':
      return { class: py.cls.qname };
    case 'task':
      return { task: py.task.taskId.k === 'known' ? render(py.task.taskId.py) : null };
    case 'group':
      return { taskGroup: py.group.groupId.k === 'known' ? render(py.group.groupId.py) : null };
    case 'dag':
      return { dag: py.dag.dagId.k === 'known' ? render(py.dag.dagId.py) : null };
    default:
      return { [py.t]: true };
  }
}
