// Facts and helpers the AWS service rules share: Amazon provider class names, resolving a config
// argument (EMR `job_flow_overrides`) to a known dict, lookups along a key path, and the task graph
// questions (what runs downstream of a task, whether a task runs after an upstream failure).
//
// Sources (apache-airflow-providers-amazon 9.39.0, also checked in 9.0.0):
// - `operators/emr.py` EmrCreateJobFlowOperator: `template_ext = (".json",)`, `job_flow_overrides or {}`,
//   and in `execute` a `str` value is read with `ast.literal_eval` (a Python literal, not JSON).
// - `hooks/emr.py` EmrHook.create_job_flow: `config = emr_conn.extra_dejson.copy(); config.update(overrides)`
//   (a shallow merge: a top-level key of the overrides replaces the connection's whole value).
// - `operators/emr.py` EmrAddStepsOperator: `wait_for_completion=False`, `deferrable` implies waiting.
import type { Range } from '../engine/types.js';
import type { DagModel, DictEntry, EffectiveArg, Known, Py, TaskModel, Value } from './types.js';
import { effectiveArg } from './effective.js';
import { effectiveTriggerRule } from './reliability.js';
import { canonicalOperatorName } from './providers.js';
import { dictLookup, known, NONE } from './values.js';

const AWS = 'airflow.providers.amazon.aws.';
export const EMR_CREATE_JOB_FLOW = `${AWS}operators.emr.EmrCreateJobFlowOperator`;
export const EMR_ADD_STEPS = `${AWS}operators.emr.EmrAddStepsOperator`;
export const EMR_TERMINATE_JOB_FLOW = `${AWS}operators.emr.EmrTerminateJobFlowOperator`;
export const EMR_STEP_SENSOR = `${AWS}sensors.emr.EmrStepSensor`;
export const EMR_JOB_FLOW_SENSOR = `${AWS}sensors.emr.EmrJobFlowSensor`;
export const REDSHIFT_CREATE_CLUSTER = `${AWS}operators.redshift_cluster.RedshiftCreateClusterOperator`;
export const GLUE_JOB = `${AWS}operators.glue.GlueJobOperator`;
export const LAMBDA_INVOKE = `${AWS}operators.lambda_function.LambdaInvokeFunctionOperator`;

/** The canonical class of a task's operator (old import paths resolved), or undefined. */
export function operatorClass(task: TaskModel): string | undefined {
  return canonicalOperatorName(task.operator);
}

/** A config argument resolved to a known dict, with where the operator argument carrying it is written. */
export interface ResolvedConfig {
  dict: Known & { py: Extract<Py, { t: 'dict' }> };
  /** The operator argument (or default_args entry) that carries the config: where findings start. */
  carrier: Range;
  /** Where the dict itself is written, when that is somewhere else (a module-level name). */
  defined: Range | null;
  /** The config was parsed from a string literal (every entry points at that literal). */
  fromString: boolean;
}

/**
 * Resolves a config argument such as `job_flow_overrides`: a known dict, or a string holding a Python
 * literal (what `ast.literal_eval` reads). Null when the value is absent, None, unknown, a templated
 * string or a `.json` file reference (rendered from a file airlint does not read), or does not parse.
 */
export function resolveConfig(eff: EffectiveArg): ResolvedConfig | null {
  if (eff.state !== 'known') return null;
  const v = eff.value;
  if (v.py.t === 'dict') {
    const defined = v.loc && !within(v.loc, eff.loc) ? v.loc : null;
    return { dict: v as ResolvedConfig['dict'], carrier: eff.loc, defined, fromString: false };
  }
  if (v.py.t !== 'str') return null;
  const text = v.py.v;
  if (text.includes('{{') || text.includes('{%') || /\.json\s*$/i.test(text)) return null;
  const parsed = parsePythonLiteral(text, v.loc);
  if (parsed?.k !== 'known' || parsed.py.t !== 'dict') return null;
  return { dict: parsed as ResolvedConfig['dict'], carrier: eff.loc, defined: null, fromString: true };
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: { line: number; column: number }, b: { line: number; column: number }): boolean =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before({ line: outer.line, column: outer.column }, { line: inner.line, column: inner.column }) &&
    before({ line: inner.endLine, column: inner.endColumn }, { line: outer.endLine, column: outer.endColumn });
}

export type PathLookup = { state: 'found'; entry: DictEntry } | { state: 'absent' } | { state: 'unknown' };

/** Looks up a key path (`["Instances", "KeepJobFlowAliveWhenNoSteps"]`) through nested known dicts. */
export function lookupPath(root: Value, path: readonly string[]): PathLookup {
  let cur: Value = root;
  let entry: DictEntry | null = null;
  for (const key of path) {
    const l = dictLookup(cur, key);
    if (l.state !== 'found') return l.state === 'absent' ? l : { state: 'unknown' };
    entry = l.entry;
    cur = l.entry.value;
  }
  return entry ? { state: 'found', entry } : { state: 'unknown' };
}

/** The items of a known list found at `path`; null when the path is absent, unknown or not a fully known list. */
export function listAt(root: Value, path: readonly string[]): Value[] | null {
  const l = lookupPath(root, path);
  if (l.state !== 'found') return null;
  const v = l.entry.value;
  return v.k === 'known' && v.py.t === 'list' ? v.py.items : null;
}

/** The string at `path` of a dict value, when known. */
export function strAt(root: Value, path: readonly string[]): { value: string; entry: DictEntry } | null | 'unknown' {
  const l = lookupPath(root, path);
  if (l.state === 'unknown') return 'unknown';
  if (l.state === 'absent') return null;
  const v = l.entry.value;
  if (v.k !== 'known') return 'unknown';
  return v.py.t === 'str' ? { value: v.py.v, entry: l.entry } : 'unknown';
}

/** Every task downstream of `task` in its DAG (transitively, through DagModel.edges). */
export function downstreamTasks(dag: DagModel, task: TaskModel): TaskModel[] {
  const out = new Map<TaskModel, TaskModel[]>();
  for (const e of dag.edges) {
    const list = out.get(e.from) ?? [];
    list.push(e.to);
    out.set(e.from, list);
  }
  const seen = new Set<TaskModel>();
  const queue: TaskModel[] = [task];
  while (queue.length > 0) {
    const t = queue.shift()!;
    for (const next of out.get(t) ?? []) {
      if (seen.has(next) || next === task) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return dag.tasks.filter((t) => seen.has(t));
}

/**
 * Trigger rules under which a task waits for its upstream tasks to succeed (or to be skipped), so it
 * does not run after an upstream failure (Airflow's `trigger_rule_dep.py`).
 */
const SUCCESS_ONLY_TRIGGER_RULES = new Set([
  'all_success',
  'one_success',
  'none_failed',
  'none_failed_min_one_success',
  'none_failed_or_skipped',
  'all_skipped',
]);
// all_done_setup_success (a teardown's rule) runs once upstream tasks are done, failed ones included,
// as long as a setup succeeded: for cleanup after the setup that created the cluster, that is "runs".

/**
 * Whether a task also runs when an upstream task failed: 'yes' (all_done, always, one_failed, ...),
 * 'no' (a trigger rule that needs upstream success), or 'unknown'.
 */
export function runsAfterFailure(task: TaskModel): 'yes' | 'no' | 'unknown' {
  const tr = effectiveTriggerRule(task);
  if (!tr) return 'unknown';
  return SUCCESS_ONLY_TRIGGER_RULES.has(tr.rule) ? 'no' : 'yes';
}

// ---------------------------------------------------------------------------------------------
// A small reader for Python literals (the subset `ast.literal_eval` accepts that configs use):
// dicts, lists, tuples, strings (with escapes and implicit concatenation), ints, floats, True,
// False, None and unary minus. Anything else (JSON's `true`/`false`/`null`, names, calls, sets)
// makes it return null: `ast.literal_eval` raises on those, so airlint makes no claim.

class LiteralReader {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly loc: Range | null,
  ) {}

  read(): Value | null {
    const v = this.value(0);
    this.ws();
    return v && this.i === this.s.length ? v : null;
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      else if (c === '\\' && this.s[this.i + 1] === '\n') this.i += 2;
      else break;
    }
  }

  private value(depth: number): Value | null {
    if (depth > 64) return null;
    this.ws();
    const c = this.s[this.i];
    if (c === undefined) return null;
    if (c === '{') return this.dict(depth);
    if (c === '[') return this.seq(']', false, depth);
    if (c === '(') return this.seq(')', true, depth);
    if (c === '"' || c === "'") return this.strings();
    if (c === '-' || c === '+' || (c >= '0' && c <= '9') || c === '.') return this.number();
    const word = /^[A-Za-z_]\w*/.exec(this.s.slice(this.i))?.[0];
    if (word === 'True' || word === 'False') {
      this.i += word.length;
      return known({ t: 'bool', v: word === 'True' }, this.loc);
    }
    if (word === 'None') {
      this.i += 4;
      return known(NONE, this.loc);
    }
    return null;
  }

  private dict(depth: number): Value | null {
    this.i++;
    const entries: DictEntry[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return known({ t: 'dict', entries, open: null }, this.loc);
      }
      const key = this.value(depth + 1);
      if (!key || key.k !== 'known' || key.py.t !== 'str') return null;
      this.ws();
      if (this.s[this.i] !== ':') return null;
      this.i++;
      const value = this.value(depth + 1);
      if (!value) return null;
      const at = entries.findIndex((e) => e.key === (key.py as { v: string }).v);
      if (at >= 0) entries.splice(at, 1);
      entries.push({ key: key.py.v, value, loc: this.loc });
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') return null;
    }
  }

  private seq(close: string, tuple: boolean, depth: number): Value | null {
    this.i++;
    const items: Value[] = [];
    let commas = 0;
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        // `(x)` is a parenthesised value, not a tuple.
        if (tuple && items.length === 1 && commas === 0) return items[0]!;
        return known({ t: 'list', items, tuple }, this.loc);
      }
      const v = this.value(depth + 1);
      if (!v) return null;
      items.push(v);
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        commas++;
      } else if (this.s[this.i] !== close) return null;
    }
  }

  private strings(): Value | null {
    let out = '';
    for (;;) {
      const part = this.string();
      if (part === null) return null;
      out += part;
      this.ws();
      const c = this.s[this.i];
      if (c !== '"' && c !== "'") return known({ t: 'str', v: out }, this.loc);
    }
  }

  private string(): string | null {
    const q = this.s[this.i]!;
    const triple = this.s.startsWith(q.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (triple ? this.s.startsWith(q.repeat(3), this.i) : c === q) {
        this.i += triple ? 3 : 1;
        return out;
      }
      if (!triple && c === '\n') return null;
      if (c === '\\') {
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.i += 2;
          continue;
        }
        // Other escapes (\x, \u, octal): airlint does not decode them; the value is not needed exactly.
        return null;
      }
      out += c;
      this.i++;
    }
    return null;
  }

  private number(): Value | null {
    const m = /^[-+]?\s*(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(this.s.slice(this.i));
    if (!m) return null;
    this.i += m[0].length;
    const text = m[0].replace(/[\s_]/g, '');
    const n = Number(text);
    if (!Number.isFinite(n)) return null;
    const isInt = /^[-+]?\d+$/.test(text);
    return known(isInt ? { t: 'int', v: n } : { t: 'float', v: n }, this.loc);
  }
}

/**
 * Reads a string the way `ast.literal_eval` would, for the literal forms configs use; every value
 * points at `loc` (the string literal it came from). Null when it is not such a literal.
 */
export function parsePythonLiteral(text: string, loc: Range | null): Value | null {
  if (text.length > 200_000) return null;
  return new LiteralReader(text, loc).read();
}

/**
 * Where a finding about a known effective argument starts: the keyword on the task itself, or (for a
 * value inherited from `default_args`) the task's call, with a related location at the inherited entry.
 */
export function argumentPlace(
  task: TaskModel,
  eff: Extract<EffectiveArg, { state: 'known' }>,
  what: string,
): { at: Range; related: { line: number; column: number; message: string }[] } {
  if (eff.source === 'task' || eff.source === 'partial' || eff.source === 'decorator') return { at: eff.loc, related: [] };
  return { at: task.loc, related: [{ line: eff.loc.line, column: eff.loc.column, message: `${what} inherited from here` }] };
}

/** A related location at a dict entry of a resolved config, when it has one. */
export function entryRelated(entry: DictEntry, message: string): { line: number; column: number; message: string }[] {
  return entry.loc ? [{ line: entry.loc.line, column: entry.loc.column, message }] : [];
}

/** The resolved `job_flow_overrides` of an EmrCreateJobFlowOperator task (see resolveConfig), else null. */
export function emrOverrides(task: TaskModel): ResolvedConfig | null {
  if (operatorClass(task) !== EMR_CREATE_JOB_FLOW) return null;
  return resolveConfig(effectiveArg(task, 'job_flow_overrides'));
}

/** Related location at the overrides dict when it is written away from the operator argument. */
export function definedRelated(cfg: ResolvedConfig): { line: number; column: number; message: string }[] {
  return cfg.defined ? [{ line: cfg.defined.line, column: cfg.defined.column, message: 'job_flow_overrides defined here' }] : [];
}

/**
 * Whether a downstream task may wait for EMR steps: an EmrStepSensor or EmrJobFlowSensor, or a sensor
 * or operator class airlint does not know (a custom subclass may poll the step).
 */
export function mayAwaitEmrSteps(task: TaskModel): boolean {
  const cls = operatorClass(task);
  if (cls === EMR_STEP_SENSOR || cls === EMR_JOB_FLOW_SENSOR) return true;
  if (task.operator === 'taskflow') return task.decorator === 'task.sensor';
  return cls === undefined;
}
