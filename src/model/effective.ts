// Effective arguments with provenance, following Airflow's precedence:
// task keyword > the operator's own default_args > TaskGroup default_args (inner to outer) > DAG default_args.
// (BaseOperator merges them in `get_merged_defaults`; nested TaskGroups inherit their parent's default_args.)
import type { ArgSource, DagModel, EffectiveArg, TaskModel, Value } from './types.js';
import { dictLookup } from './values.js';

function fromDict(dict: Value, name: string, source: ArgSource): EffectiveArg | null {
  const l = dictLookup(dict, name);
  if (l.state === 'absent') return null;
  if (l.state === 'unknown') return { state: 'unknown', reason: `default_args may set it (${l.reason})`, source };
  const v = l.entry.value;
  const loc = l.entry.loc ?? dict.loc ?? undefined;
  if (v.k === 'unknown') return { state: 'unknown', reason: v.reason, source, ...(loc ? { loc } : {}), ...(v.clock ? { clock: true } : {}) };
  return { state: 'known', value: v, source, loc: loc ?? v.loc ?? { line: 1, column: 1, endLine: 1, endColumn: 1 } };
}

export function effectiveArg(task: TaskModel, name: string): EffectiveArg {
  const slot = task.args.kwargs.get(name);
  if (slot) {
    const v = slot.value;
    if (v.k === 'unknown') return { state: 'unknown', reason: v.reason, source: task.argsSource, loc: slot.loc, ...(v.clock ? { clock: true } : {}) };
    return { state: 'known', value: v, source: task.argsSource, loc: slot.loc };
  }
  if (task.args.splat) return { state: 'unknown', reason: `may be set by ${task.args.splat}` };
  if (task.ownDefaultArgs) {
    const r = fromDict(task.ownDefaultArgs, name, 'task-default-args');
    if (r) return r;
  }
  for (let g = task.group; g; g = g.parent) {
    if (!g.defaultArgs) continue;
    const r = fromDict(g.defaultArgs, name, 'group-default-args');
    if (r) return r.state === 'known' ? { ...r, group: g } : r;
  }
  if (task.dag) {
    if (task.dagDefaultArgs) {
      const r = fromDict(task.dagDefaultArgs, name, 'dag-default-args');
      if (r) return r;
    }
  } else if (task.dagUnknown) {
    return { state: 'unknown', reason: `the task's DAG cannot be known (${task.dagUnknown})` };
  }
  if (task.classOpaque) return { state: 'unknown', reason: task.classOpaque };
  if (task.classMentions?.has(name)) return { state: 'unknown', reason: `the operator class ${task.operator.replace('<local>.', '')} may set a default for ${name}` };
  return { state: 'absent' };
}

/** A DAG-level argument as written on the DAG constructor or `@dag` decorator. */
export function dagArg(dag: DagModel, name: string): EffectiveArg {
  const slot = dag.args.kwargs.get(name);
  if (slot) {
    const v = slot.value;
    if (v.k === 'unknown') return { state: 'unknown', reason: v.reason, source: 'dag', loc: slot.loc, ...(v.clock ? { clock: true } : {}) };
    return { state: 'known', value: v, source: 'dag', loc: slot.loc };
  }
  if (dag.args.splat) return { state: 'unknown', reason: `may be set by ${dag.args.splat}` };
  return { state: 'absent' };
}

/** Every argument name that some source of a task's arguments mentions (for `inspect`). */
export function argumentNames(task: TaskModel): string[] {
  const names = new Set<string>(task.args.kwargs.keys());
  const addDict = (v: Value | null | undefined): void => {
    if (v?.k === 'known' && v.py.t === 'dict') for (const e of v.py.entries) names.add(e.key);
  };
  addDict(task.ownDefaultArgs);
  for (let g = task.group; g; g = g.parent) addDict(g.defaultArgs);
  addDict(task.dagDefaultArgs);
  for (const skip of ['task_id', 'dag', 'task_group', 'default_args']) names.delete(skip);
  return [...names].sort();
}
