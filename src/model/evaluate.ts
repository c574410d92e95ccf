// Folding of Python expressions the interpreter can compute without running user code:
// string literals (f-strings of known parts), arithmetic, comparisons, and a small set of builtins,
// datetime/timedelta/pendulum constructors and methods of known dicts, lists and strings.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types.js';
import { rangeWithText } from '../parse/parser.js';
import type { CallArgs, Known, Py, Value } from './types.js';
import { dictCopy, dictLookup, dictSet, known, NONE, pyEquals, pyStr, unknown } from './values.js';
import { assetCondition, isAssetExpression } from './assets.js';

// ------------------------------------------------------------------ strings

export function parseStringLiteral(node: Node, evalExpr: (n: Node) => Value): Value {
  const text = node.text;
  const loc = rangeWithText(node, text);
  // Fast path for the common literal with no escapes and no interpolation: its text is its value
  // (walking the node's children from JavaScript costs more than the rest of this function).
  const simple = /^([rRuU]?)("""|'''|"|')([^\\]*)\2$/.exec(text);
  if (simple && !simple[3]!.includes(simple[2]!)) return known({ t: 'str', v: simple[3]! }, loc);
  const start = node.children.find((c) => c?.type === 'string_start');
  const prefix = (start?.text ?? '"').replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b')) return unknown('bytes literal', loc);
  const raw = prefix.includes('r');
  const isF = prefix.includes('f') || prefix.includes('t');
  let out = '';
  for (const c of node.children) {
    if (!c) continue;
    if (c.type === 'string_content') out += decodeContent(c.text, raw, isF);
    else if (c.type === 'escape_sequence') out += raw ? c.text : decodeEscapes(c.text);
    else if (c.type === 'escape_interpolation') out += c.text[0] ?? '';
    else if (c.type === 'interpolation') {
      const expr = c.childForFieldName('expression');
      const hasSpec = c.children.some((x) => x?.type === 'format_specifier' || x?.type === 'type_conversion' || x?.text === '=');
      if (!expr || hasSpec) return unknown('f-string with a format specification', loc);
      const v = evalExpr(expr);
      const s = v.k === 'known' ? pyStr(v.py) : undefined;
      if (s === undefined) return unknown(`f-string part {${expr.text}} cannot be known${v.k === 'unknown' ? ` (${v.reason})` : ''}`, loc, v.k === 'unknown' && !!v.clock);
      out += s;
    }
  }
  return known({ t: 'str', v: out }, loc);
}

function decodeContent(text: string, raw: boolean, isF: boolean): string {
  let s = raw ? text : decodeEscapes(text);
  if (isF) s = s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

export function decodeEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (m, e: string) => {
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e]!;
    // A truncated or out-of-range escape is a syntax error (parser.ts reports it); never throw here.
    const code = /^[xuU]./.test(e) ? parseInt(e.slice(1), 16) : /^[0-7]/.test(e) ? parseInt(e, 8) : NaN;
    return Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

// ------------------------------------------------------------------ operators

const MAX_STRING = 100_000;

export function binaryOp(op: string, l: Value, r: Value, loc: Range): Value {
  if (l.k === 'unknown' || r.k === 'unknown') {
    const clock = (l.k === 'unknown' && !!l.clock) || (r.k === 'unknown' && !!r.clock);
    const u = l.k === 'unknown' ? l : (r as { reason: string });
    return unknown(clock ? u.reason : `${op} over a value that cannot be known`, loc, clock);
  }
  const a = l.py;
  const b = r.py;
  const num = (p: Py): number | undefined => (p.t === 'int' || p.t === 'float' ? p.v : p.t === 'bool' ? Number(p.v) : undefined);
  const na = num(a);
  const nb = num(b);
  const isInt = (a.t === 'int' || a.t === 'bool') && (b.t === 'int' || b.t === 'bool');
  if (na !== undefined && nb !== undefined) {
    let v: number | undefined;
    switch (op) {
      case '+': v = na + nb; break;
      case '-': v = na - nb; break;
      case '*': v = na * nb; break;
      case '/': return nb === 0 ? unknown('division by zero', loc) : known({ t: 'float', v: na / nb }, loc);
      case '//': if (nb === 0) return unknown('division by zero', loc); v = Math.floor(na / nb); break;
      case '%': if (nb === 0) return unknown('division by zero', loc); v = ((na % nb) + nb) % nb; break;
      case '**': v = na ** nb; break;
      case '<<': if (isInt) v = na * 2 ** nb; break;
      case '>>': if (isInt) v = Math.floor(na / 2 ** nb); break;
      case '|': if (isInt) v = na | nb; break;
      case '&': if (isInt) v = na & nb; break;
      case '^': if (isInt) v = na ^ nb; break;
    }
    if (v === undefined || !Number.isFinite(v)) return unknown(`${op} not folded`, loc);
    return known({ t: isInt && op !== '/' && !(op === '**' && nb < 0) ? 'int' : 'float', v }, loc);
  }
  if (op === '%' && a.t === 'str') return percentFormat(a.v, b, loc);
  if (op === '+' && a.t === 'str' && b.t === 'str') {
    const v = a.v + b.v;
    return v.length > MAX_STRING ? unknown('string too long', loc) : known({ t: 'str', v }, loc);
  }
  if (op === '+' && a.t === 'list' && b.t === 'list') return known({ t: 'list', items: [...a.items, ...b.items], tuple: a.tuple }, loc);
  if (op === '*' && a.t === 'str' && b.t === 'int' && a.v.length * b.v <= MAX_STRING) return known({ t: 'str', v: a.v.repeat(Math.max(0, b.v)) }, loc);
  if (op === '|' && a.t === 'dict' && b.t === 'dict') {
    const merged = dictCopy(a);
    for (const e of b.entries) dictSet(merged, e);
    if (b.open) merged.open = b.open;
    return known(merged, loc);
  }
  if (a.t === 'timedelta' && b.t === 'timedelta' && (op === '+' || op === '-')) {
    return known({ t: 'timedelta', seconds: op === '+' ? a.seconds + b.seconds : a.seconds - b.seconds }, loc);
  }
  if (a.t === 'timedelta' && nb !== undefined && op === '*') return known({ t: 'timedelta', seconds: a.seconds * nb }, loc);
  if (na !== undefined && b.t === 'timedelta' && op === '*') return known({ t: 'timedelta', seconds: b.seconds * na }, loc);
  if (a.t === 'timedelta' && nb !== undefined && op === '/' && nb !== 0) return known({ t: 'timedelta', seconds: a.seconds / nb }, loc);
  if (a.t === 'datetime' && b.t === 'timedelta' && (op === '+' || op === '-')) {
    const ms = Date.parse(`${a.iso}Z`) + (op === '+' ? 1 : -1) * b.seconds * 1000;
    if (!Number.isFinite(ms)) return unknown('date arithmetic', loc);
    return known({ t: 'datetime', iso: new Date(ms).toISOString().slice(0, 19), tz: a.tz }, loc);
  }
  if ((op === '&' || op === '|') && isAssetExpression(a) && isAssetExpression(b)) return known(assetCondition(op, l, r), loc);
  return unknown(`${op} on ${a.t} and ${b.t} is not folded`, loc);
}

/** printf-style `"x_%s" % name` for %s, %d and %i with values whose text is certain. */
function percentFormat(template: string, arg: Py, loc: Range): Value {
  const values = arg.t === 'list' && arg.tuple ? arg.items : [known(arg, loc)];
  let i = 0;
  let failed = false;
  const out = template.replace(/%(%|s|d|i)/g, (_m, kind: string) => {
    if (kind === '%') return '%';
    const v = values[i++];
    if (!v || v.k !== 'known') {
      failed = true;
      return '';
    }
    if (kind === 's') {
      const t = pyStr(v.py);
      if (t === undefined) failed = true;
      return t ?? '';
    }
    if (v.py.t === 'int' || v.py.t === 'bool') return String(Number(v.py.t === 'bool' ? v.py.v : v.py.v));
    if (v.py.t === 'float') return String(Math.trunc(v.py.v));
    failed = true;
    return '';
  });
  if (failed || i !== values.length || /%[^%sdi]/.test(template.replace(/%%/g, ''))) return unknown('%-formatting not folded', loc);
  return known({ t: 'str', v: out }, loc);
}

export function compareOp(values: Value[], node: Node, loc: Range): Value {
  const ops = node.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
  // `not in` and `is not` arrive as two anonymous tokens
  const merged: string[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if ((o === 'not' && ops[i + 1] === 'in') || (o === 'is' && ops[i + 1] === 'not')) {
      merged.push(`${o} ${ops[i + 1]}`);
      i++;
    } else merged.push(o);
  }
  if (values.some((v) => v.k === 'unknown') || merged.length !== values.length - 1) return unknown('comparison over a value that cannot be known', loc);
  for (let i = 0; i < merged.length; i++) {
    const a = (values[i] as Known).py;
    const b = (values[i + 1] as Known).py;
    const r = compareTwo(merged[i]!, a, b);
    if (r === undefined) return unknown('comparison not folded', loc);
    if (!r) return known({ t: 'bool', v: false }, loc);
  }
  return known({ t: 'bool', v: true }, loc);
}

function compareTwo(op: string, a: Py, b: Py): boolean | undefined {
  switch (op) {
    case '==':
    case '!=': {
      const eq = pyEquals(a, b);
      return eq === undefined ? undefined : op === '==' ? eq : !eq;
    }
    case 'is':
    case 'is not': {
      if (a.t !== 'none' && b.t !== 'none') return undefined;
      const same = a.t === b.t;
      return op === 'is' ? same : !same;
    }
    case 'in':
    case 'not in': {
      let r: boolean | undefined;
      if (b.t === 'str' && a.t === 'str') r = b.v.includes(a.v);
      else if (b.t === 'list') {
        r = false;
        for (const item of b.items) {
          if (item.k !== 'known') return undefined;
          const eq = pyEquals(a, item.py);
          if (eq === undefined) return undefined;
          if (eq) r = true;
        }
      } else if (b.t === 'dict' && a.t === 'str') {
        const l = dictLookup(known(b, null), a.v);
        r = l.state === 'unknown' ? undefined : l.state === 'found';
      }
      return r === undefined ? undefined : op === 'in' ? r : !r;
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      const x = a.t === 'int' || a.t === 'float' ? a.v : a.t === 'str' ? a.v : undefined;
      const y = b.t === 'int' || b.t === 'float' ? b.v : b.t === 'str' ? b.v : undefined;
      if (x === undefined || y === undefined || typeof x !== typeof y) return undefined;
      return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
    }
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ builtins and constructors

const TIMEDELTA_POSITIONAL = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
const UNIT_SECONDS: Record<string, number> = { weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, milliseconds: 1e-3, microseconds: 1e-6 };
const DATETIME_POSITIONAL = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];

function numberArg(v: Value | undefined): number | undefined | null {
  if (!v) return undefined;
  if (v.k !== 'known') return null;
  if (v.py.t === 'int' || v.py.t === 'float') return v.py.v;
  return null;
}

function argsByName(args: CallArgs, positionalNames: string[]): Map<string, Value> | null {
  const m = new Map<string, Value>();
  args.positional.forEach((v, i) => {
    const n = positionalNames[i];
    if (n) m.set(n, v);
  });
  for (const [k, s] of args.kwargs) m.set(k, s.value);
  if (args.positional.length > positionalNames.length) return null;
  return m;
}

function durationOf(args: CallArgs, positional: string[], loc: Range, qname: string): Value {
  if (args.splat) return unknown(`${qname}() with ${args.splat}`, loc);
  const m = argsByName(args, positional);
  if (!m) return unknown(`${qname}() with too many arguments`, loc);
  let seconds = 0;
  for (const [k, v] of m) {
    const unit = UNIT_SECONDS[k];
    const n = numberArg(v);
    if (unit === undefined || n === null || n === undefined) return unknown(`${qname}(${k}=...) cannot be folded`, loc, v.k === 'unknown' && !!v.clock);
    seconds += n * unit;
  }
  return known({ t: 'timedelta', seconds }, loc);
}

function timezoneName(v: Value | undefined): string | null | undefined {
  if (!v) return null;
  if (v.k !== 'known') return undefined;
  const py = v.py;
  if (py.t === 'none') return null;
  if (py.t === 'str') return py.v;
  if (py.t === 'ref' && /(^|\.)(utc|UTC)$/.test(py.qname)) return 'UTC';
  if (py.t === 'instance') {
    const first = py.args.positional[0] ?? py.args.kwargs.get('name')?.value ?? py.args.kwargs.get('key')?.value;
    if (first?.k === 'known' && first.py.t === 'str') return first.py.v;
  }
  return undefined;
}

function datetimeOf(args: CallArgs, loc: Range, qname: string, defaultTz: string | null, tzKey: string): Value {
  if (args.splat) return unknown(`${qname}() with ${args.splat}`, loc);
  const m = argsByName(args, DATETIME_POSITIONAL);
  if (!m) return unknown(`${qname}() with arguments airlint does not fold`, loc);
  const parts: number[] = [];
  for (const [i, name] of DATETIME_POSITIONAL.entries()) {
    const v = m.get(name);
    const n = numberArg(v);
    if (n === null) return unknown(`${qname}(${name}=...) cannot be known`, loc, v?.k === 'unknown' && !!v.clock);
    parts.push(n ?? (i < 3 ? NaN : 0));
  }
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (!Number.isInteger(y) || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return unknown(`${qname}() with an invalid date`, loc);
  }
  const tzv = m.get(tzKey) ?? m.get('tzinfo') ?? m.get('tz');
  const tz = tzv === undefined ? defaultTz : timezoneName(tzv);
  if (tz === undefined) return unknown(`${qname}() with a time zone that cannot be known`, loc);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return known({ t: 'datetime', iso: `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`, tz }, loc);
}

/** Qualified names whose calls produce a value airlint keeps as an opaque instance with its arguments. */
function isInstanceFactory(qname: string): boolean {
  const last = qname.split('.').pop() ?? '';
  if (qname === 'pendulum.timezone' || qname === 'pendulum.tz.timezone') return true;
  if (/^(airflow|pendulum|zoneinfo|dateutil|datetime)\./.test(qname) && /^[A-Z]/.test(last)) return true;
  return false;
}

export function evalBuiltin(qname: string, args: CallArgs, loc: Range): Value | null {
  switch (qname) {
    case 'datetime.timedelta':
      return durationOf(args, TIMEDELTA_POSITIONAL, loc, 'timedelta');
    case 'pendulum.duration':
    case 'pendulum.Duration':
      if (args.kwargs.has('years') || args.kwargs.has('months')) return unknown('pendulum.duration with years or months has no fixed length', loc);
      return durationOf(args, ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'], loc, 'duration');
    case 'datetime.datetime':
      return datetimeOf(args, loc, 'datetime', null, 'tzinfo');
    case 'pendulum.datetime':
      return datetimeOf(args, loc, 'pendulum.datetime', 'UTC', 'tz');
    case 'airflow.utils.timezone.datetime':
    case 'airflow.sdk.timezone.datetime':
      return datetimeOf(args, loc, 'timezone.datetime', 'UTC', 'tzinfo');
    case 'builtins.dict': {
      if (args.positional.length > 1) return unknown('dict() with several positional arguments', loc);
      const first = args.positional[0];
      let base: Extract<Py, { t: 'dict' }> = { t: 'dict', entries: [], open: null };
      if (first) {
        if (first.k !== 'known' || first.py.t !== 'dict') return unknown('dict() of a value that cannot be known', loc);
        base = dictCopy(first.py);
      }
      for (const s of args.kwargs.values()) dictSet(base, { key: s.name, value: s.value, loc: s.loc });
      if (args.splat) base.open = args.splat;
      return known(base, loc);
    }
    case 'builtins.list':
    case 'builtins.tuple': {
      const first = args.positional[0];
      if (!first) return known({ t: 'list', items: [], tuple: qname === 'builtins.tuple' }, loc);
      if (first.k === 'known' && first.py.t === 'list') return known({ t: 'list', items: first.py.items.slice(), tuple: qname === 'builtins.tuple' }, loc);
      if (first.k === 'known' && first.py.t === 'dict' && !first.py.open) return known({ t: 'list', items: first.py.entries.map((e) => known({ t: 'str', v: e.key }, e.loc)), tuple: false }, loc);
      return unknown(`${qname.slice(9)}() of a value that cannot be known`, loc);
    }
    case 'builtins.range': {
      const ns = args.positional.map((v) => (v.k === 'known' && v.py.t === 'int' ? v.py.v : undefined));
      if (ns.some((n) => n === undefined) || ns.length === 0 || ns.length > 3 || args.kwargs.size > 0) return unknown('range() of values that cannot be known', loc);
      const [a, b, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
      if (step === 0) return unknown('range() with step 0', loc);
      const count = Math.max(0, Math.ceil((b - a) / step));
      if (count > 10_000) return unknown('range() too long to unroll', loc);
      const items: Value[] = [];
      for (let i = 0; i < count; i++) items.push(known({ t: 'int', v: a + i * step }, loc));
      return known({ t: 'list', items, tuple: false }, loc);
    }
    case 'builtins.enumerate': {
      const first = args.positional[0];
      const startV = args.positional[1] ?? args.kwargs.get('start')?.value;
      const start = startV ? numberArg(startV) : 0;
      if (!first || first.k !== 'known' || first.py.t !== 'list' || typeof start !== 'number') return unknown('enumerate() of a value that cannot be known', loc);
      return known({ t: 'list', items: first.py.items.map((v, i) => known({ t: 'list', items: [known({ t: 'int', v: start + i }, loc), v], tuple: true }, loc)), tuple: false }, loc);
    }
    case 'builtins.zip': {
      const lists = args.positional.map((v) => (v.k === 'known' && v.py.t === 'list' ? v.py.items : null));
      if (lists.some((l) => !l) || lists.length === 0) return unknown('zip() of values that cannot be known', loc);
      const n = Math.min(...lists.map((l) => l!.length));
      const items: Value[] = [];
      for (let i = 0; i < n; i++) items.push(known({ t: 'list', items: lists.map((l) => l![i]!), tuple: true }, loc));
      return known({ t: 'list', items, tuple: false }, loc);
    }
    case 'builtins.str': {
      const first = args.positional[0];
      const s = first?.k === 'known' ? pyStr(first.py) : first ? undefined : '';
      return s === undefined ? unknown('str() of a value that cannot be known', loc) : known({ t: 'str', v: s }, loc);
    }
    case 'builtins.int': {
      const first = args.positional[0];
      if (first?.k === 'known' && (first.py.t === 'int' || first.py.t === 'float')) return known({ t: 'int', v: Math.trunc(first.py.v) }, loc);
      if (first?.k === 'known' && first.py.t === 'str' && /^\s*[-+]?\d+\s*$/.test(first.py.v)) return known({ t: 'int', v: parseInt(first.py.v, 10) }, loc);
      return unknown('int() of a value that cannot be known', loc);
    }
    case 'builtins.len': {
      const first = args.positional[0];
      if (first?.k === 'known' && first.py.t === 'list') return known({ t: 'int', v: first.py.items.length }, loc);
      if (first?.k === 'known' && first.py.t === 'str') return known({ t: 'int', v: first.py.v.length }, loc);
      if (first?.k === 'known' && first.py.t === 'dict' && !first.py.open) return known({ t: 'int', v: first.py.entries.length }, loc);
      return unknown('len() of a value that cannot be known', loc);
    }
    case 'builtins.sorted': {
      const first = args.positional[0];
      if (args.kwargs.size === 0 && first?.k === 'known' && first.py.t === 'list') {
        const items = first.py.items;
        if (items.every((v) => v.k === 'known' && v.py.t === 'str')) {
          return known({ t: 'list', items: items.slice().sort((x, y) => ((x as Known).py as { v: string }).v.localeCompare(((y as Known).py as { v: string }).v)), tuple: false }, loc);
        }
      }
      return unknown('sorted() not folded', loc);
    }
    case 'builtins.print':
      return known(NONE, loc);
    default:
      if (isInstanceFactory(qname)) return known({ t: 'instance', qname, args }, loc);
      return null;
  }
}

// ------------------------------------------------------------------ methods of known values

export function evalMethod(obj: Known, method: string, args: CallArgs, loc: Range, conditional: boolean): Value {
  const py = obj.py;
  if (py.t === 'dict') {
    switch (method) {
      case 'copy':
        return known(dictCopy(py), loc);
      case 'get': {
        const k = args.positional[0];
        if (k?.k !== 'known' || k.py.t !== 'str') return unknown('dict.get() with a key that cannot be known', loc);
        const l = dictLookup(obj, k.py.v);
        if (l.state === 'found') return l.entry.value;
        if (l.state === 'unknown') return unknown(l.reason, loc);
        return args.positional[1] ?? known(NONE, loc);
      }
      case 'update':
      case 'setdefault': {
        const entries: { key: string; value: Value; loc: Range | null }[] = [];
        if (method === 'setdefault') {
          const k = args.positional[0];
          if (k?.k !== 'known' || k.py.t !== 'str') {
            py.open ??= 'setdefault() with a key that cannot be known';
            return unknown('setdefault() result', loc);
          }
          const l = dictLookup(obj, k.py.v);
          if (l.state === 'found') return l.entry.value;
          entries.push({ key: k.py.v, value: args.positional[1] ?? known(NONE, loc), loc });
        } else {
          const first = args.positional[0];
          if (first) {
            if (first.k === 'known' && first.py.t === 'dict') {
              entries.push(...first.py.entries);
              if (first.py.open) py.open = first.py.open;
            } else py.open = `updated with a value that cannot be known (line ${loc.line})`;
          }
          for (const s of args.kwargs.values()) entries.push({ key: s.name, value: s.value, loc: s.loc });
          if (args.splat) py.open = args.splat;
        }
        for (const e of entries) dictSet(py, conditional ? { ...e, value: unknown(`"${e.key}" is set conditionally`, e.loc) } : e);
        return known(NONE, loc);
      }
      case 'pop': {
        const k = args.positional[0];
        if (k?.k === 'known' && k.py.t === 'str' && !conditional) {
          const key = k.py.v;
          const l = dictLookup(obj, key);
          py.entries = py.entries.filter((e) => e.key !== key);
          return l.state === 'found' ? l.entry.value : (args.positional[1] ?? unknown('pop() of a missing key', loc));
        }
        py.open ??= 'pop() of a key that cannot be known';
        return unknown('dict.pop() result', loc);
      }
      case 'keys':
        if (py.open) return unknown(py.open, loc);
        return known({ t: 'list', items: py.entries.map((e) => known({ t: 'str', v: e.key }, e.loc)), tuple: false }, loc);
      case 'values':
        if (py.open) return unknown(py.open, loc);
        return known({ t: 'list', items: py.entries.map((e) => e.value), tuple: false }, loc);
      case 'items':
        if (py.open) return unknown(py.open, loc);
        return known({ t: 'list', items: py.entries.map((e) => known({ t: 'list', items: [known({ t: 'str', v: e.key }, e.loc), e.value], tuple: true }, e.loc)), tuple: false }, loc);
      default:
        return unknown(`dict.${method}() not folded`, loc);
    }
  }
  if (py.t === 'list') {
    switch (method) {
      case 'append':
        if (conditional) return unknownList(py, loc);
        py.items.push(args.positional[0] ?? unknown('missing argument', loc));
        return known(NONE, loc);
      case 'extend': {
        const first = args.positional[0];
        if (conditional || first?.k !== 'known' || first.py.t !== 'list') return unknownList(py, loc);
        py.items.push(...first.py.items);
        return known(NONE, loc);
      }
      case 'copy':
        return known({ t: 'list', items: py.items.slice(), tuple: false }, loc);
      default:
        return unknown(`list.${method}() not folded`, loc);
    }
  }
  if (py.t === 'str') return strMethod(py.v, method, args, loc);
  if (py.t === 'datetime' && method === 'replace') return unknown('datetime.replace() not folded', loc);
  return unknown(`${py.t}.${method}() not folded`, loc);
}

function unknownList(py: Extract<Py, { t: 'list' }>, loc: Range): Value {
  // A list changed where airlint cannot follow: its items are no longer certain.
  py.items.push(unknown('list changed conditionally', loc));
  return known(NONE, loc);
}

function strMethod(s: string, method: string, args: CallArgs, loc: Range): Value {
  const strArgs = args.positional.map((v) => (v.k === 'known' && v.py.t === 'str' ? v.py.v : undefined));
  const str = (v: string): Value => known({ t: 'str', v }, loc);
  switch (method) {
    case 'upper':
      return str(s.toUpperCase());
    case 'lower':
      return str(s.toLowerCase());
    case 'strip':
      return strArgs.length === 0 ? str(s.trim()) : unknown('strip(chars) not folded', loc);
    case 'replace':
      if (strArgs.length === 2 && strArgs.every((a) => a !== undefined)) return str(s.split(strArgs[0]!).join(strArgs[1]!));
      return unknown('str.replace() of values that cannot be known', loc);
    case 'join': {
      const first = args.positional[0];
      if (first?.k === 'known' && first.py.t === 'list' && first.py.items.every((i) => i.k === 'known' && i.py.t === 'str')) {
        return str(first.py.items.map((i) => ((i as Known).py as { v: string }).v).join(s));
      }
      return unknown('str.join() of values that cannot be known', loc);
    }
    case 'format': {
      if (/\{[^{}]*[:!][^{}]*\}/.test(s)) return unknown('str.format() with a format specification', loc);
      let auto = 0;
      let failed = false;
      const out = s.replace(/\{\{|\}\}|\{([^{}:!]*)\}/g, (m, name: string | undefined) => {
        if (m === '{{') return '{';
        if (m === '}}') return '}';
        const v = name === '' || name === undefined ? args.positional[auto++] : /^\d+$/.test(name) ? args.positional[Number(name)] : args.kwargs.get(name)?.value;
        const t = v?.k === 'known' ? pyStr(v.py) : undefined;
        if (t === undefined) failed = true;
        return t ?? '';
      });
      return failed || args.splat ? unknown('str.format() with parts that cannot be known', loc) : str(out);
    }
    default:
      return unknown(`str.${method}() not folded`, loc);
  }
}

