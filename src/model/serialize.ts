// The JSON form of a file model: what `airlint inspect` prints and the model goldens compare.
// Secrets never appear in it: every literal the security rules report is shown as `redact()` does.
import { redact, type Range } from '../engine/types.js';
import { argumentNames, effectiveArg } from './effective.js';
import { leaves, roots } from './graph.js';
import { securityFindings } from './secrets.js';
import type { ArgSlot, DagModel, EffectiveArg, FileModel, GroupModel, TaskModel, Value } from './types.js';
import { render } from './values.js';

function valueJson(v: Value): unknown {
  return v.k === 'known' ? render(v.py) : { unknown: v.reason };
}

function idJson(v: Value): unknown {
  return v.k === 'known' ? render(v.py) : null;
}

function taskName(t: TaskModel): string {
  return t.taskId.k === 'known' && t.taskId.py.t === 'str' ? t.taskId.py.v : `<task #${t.index} at line ${t.loc.line}>`;
}

function effectiveJson(e: EffectiveArg): unknown {
  if (e.state === 'known') return { value: render(e.value.py), source: e.source, line: e.loc.line };
  if (e.state === 'unknown') return { unknown: e.reason, ...(e.source ? { source: e.source } : {}), ...(e.loc ? { line: e.loc.line } : {}) };
  return { absent: true };
}

function slotsJson(slots: Map<string, ArgSlot>, skip: string[] = []): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of [...slots.keys()].sort()) if (!skip.includes(k)) o[k] = valueJson(slots.get(k)!.value);
  return o;
}

function taskJson(t: TaskModel): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const name of argumentNames(t)) args[name] = effectiveJson(effectiveArg(t, name));
  if (t.args.splat) args['**'] = { unknown: t.args.splat };
  return {
    taskId: idJson(t.taskId),
    line: t.loc.line,
    column: t.loc.column,
    operator: t.operator,
    kind: t.kind,
    ...(t.decorator ? { decorator: t.decorator } : {}),
    ...(t.role ? { role: t.role } : {}),
    group: t.group ? idJson(t.group.groupId) : null,
    ...(t.mapped ? { mapped: true } : {}),
    ...(t.repeated ? { repeated: true } : {}),
    ...(t.branch.length ? { conditional: true } : {}),
    ...(t.dagUnknown ? { dagUnknown: t.dagUnknown } : {}),
    args,
  };
}

function groupJson(g: GroupModel): Record<string, unknown> {
  return {
    groupId: idJson(g.groupId),
    line: g.loc.line,
    parent: g.parent ? idJson(g.parent.groupId) : null,
    prefixGroupId: valueJson(g.prefixGroupId),
    ...(g.defaultArgs ? { defaultArgs: valueJson(g.defaultArgs) } : {}),
  };
}

function dagJson(d: DagModel): Record<string, unknown> {
  return {
    dagId: idJson(d.dagId),
    line: d.loc.line,
    column: d.loc.column,
    form: d.form,
    args: { ...slotsJson(d.args.kwargs, ['dag_id']), ...(d.args.splat ? { '**': { unknown: d.args.splat } } : {}) },
    tasks: d.tasks.map(taskJson),
    groups: d.groups.map(groupJson),
    edges: d.edges.map((e) => ({ from: taskName(e.from), to: taskName(e.to), line: e.loc.line, via: e.via })),
    roots: roots(d).map(taskName),
    leaves: leaves(d).map(taskName),
    ...(d.incomplete.length ? { graphIncomplete: d.incomplete } : {}),
  };
}

function loc(r: Range): { line: number; column: number } {
  return { line: r.line, column: r.column };
}

/**
 * The model as JSON. `text` is the file's source: the security rules read it to pair a call's
 * positional arguments (`Variable.set("api_token", "...")`); without it those pairs go unseen, and
 * every other secret is still redacted.
 */
export function serializeModel(path: string, m: FileModel, text = ''): Record<string, unknown> {
  const json = {
    path,
    dags: m.dags.map(dagJson),
    looseTasks: m.looseTasks.map(taskJson),
    unknowns: m.unknowns.map((u) => ({ ...loc(u.loc), what: u.what, reason: u.reason })),
    ...(m.uncalledDagFunctions.length ? { uncalledDagFunctions: m.uncalledDagFunctions.map((f) => ({ name: f.name, ...loc(f.loc) })) } : {}),
    ...(m.internalErrors.length ? { internalErrors: m.internalErrors.map((e) => e.split('\n')[0]) } : {}),
  };
  return withoutSecrets(json, m, text);
}

/** A copy of plain data drawn from a file's model with every secret the security rules find in the file redacted. */
export function withoutSecrets<T>(data: T, m: FileModel, text: string): T {
  const secrets = secretTexts(m, text);
  return secrets.length > 0 ? (masked(data, secrets) as T) : data;
}

/**
 * What the security rules would report in this file, longest first: each finding's secret, and the
 * whole literal when the secret is not written in it as is (a value decoded from JSON escapes).
 */
function secretTexts(m: FileModel, text: string): string[] {
  let strings;
  try {
    strings = m.strings();
  } catch {
    // The syntax tree is already disposed and the literals were never read: there is nothing to
    // classify. `airlint inspect` serialises while the tree is alive; callers must do the same.
    return [];
  }
  const out = new Set<string>();
  for (const f of securityFindings(strings, text)) {
    out.add(f.secret);
    if (!f.binding.value.includes(f.secret)) out.add(f.binding.value);
  }
  return [...out].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** A copy of a JSON value with every occurrence of a secret, in keys and in strings, redacted. */
function masked(v: unknown, secrets: readonly string[]): unknown {
  if (typeof v === 'string') {
    let s = v;
    for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join(redact(secret));
    return s;
  }
  if (Array.isArray(v)) return v.map((x) => masked(x, secrets));
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[masked(k, secrets) as string] = masked(x, secrets);
    return o;
  }
  return v;
}
