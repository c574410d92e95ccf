// What one file contributes to the project index: its DAGs (ids, task ids, the assets they wait on),
// its references to other DAGs (external sensors and markers, triggers) and the assets its tasks
// produce. Plain data, read from the file's model, so it can be cached and sent between threads.
import type { Range } from '../engine/types.js';
import { assetsIn, isAssetExpression } from '../model/assets.js';
import { dagArg, effectiveArg } from '../model/effective.js';
import type { DagModel, FileModel, TaskModel, Value } from '../model/types.js';
import { untemplatedStr } from '../model/values.js';

export interface DagFacts {
  id: string;
  /** The dag_id argument, or the DAG call / `@dag` decorator when the id is not written. */
  at: Range;
  /** Every task id (TaskGroup prefixes applied), or null when the DAG may hold tasks airlint cannot name. */
  tasks: string[] | null;
  /** Every TaskGroup id, or null when not fully known (as `tasks`). */
  groups: string[] | null;
  /** Assets the DAG is scheduled on (`schedule=[...]`, asset conditions). */
  consumes: { key: string; at: Range }[];
}

export type ReferenceKind = 'trigger' | 'mwaa-trigger' | 'sensor' | 'marker';

export interface ReferenceFacts {
  kind: ReferenceKind;
  /** The DAG the referencing task belongs to (null when not known). */
  fromDag: string | null;
  taskId: string | null;
  /** The referenced dag_id, or null when it is dynamic. */
  targetDag: string | null;
  /** Where the dag_id is written (`external_dag_id=` / `trigger_dag_id=`), else the task call. */
  dagAt: Range;
  /** Task ids (external_task_id / external_task_ids) or a TaskGroup id the reference names; null when dynamic. */
  targetTasks: { kind: 'task' | 'group'; ids: string[]; at: Range } | null;
  /** The MWAA environment of an MWAA trigger, when written literally. */
  env?: string;
}

export interface ProduceFacts {
  fromDag: string;
  key: string;
  /** The `outlets=` argument (or default_args entry) that names the asset. */
  at: Range;
}

export interface FileFacts {
  dags: DagFacts[];
  references: ReferenceFacts[];
  produces: ProduceFacts[];
  /** Why this file may define DAGs whose ids airlint cannot know (a syntax error, a dynamic dag_id), or null. */
  opaque: string | null;
}

export const EMPTY_FACTS: FileFacts = { dags: [], references: [], produces: [], opaque: null };

const REFERENCES: Record<string, { kind: ReferenceKind; dagArg: string }> = {
  ExternalTaskSensor: { kind: 'sensor', dagArg: 'external_dag_id' },
  ExternalTaskSensorAsync: { kind: 'sensor', dagArg: 'external_dag_id' },
  ExternalTaskMarker: { kind: 'marker', dagArg: 'external_dag_id' },
  TriggerDagRunOperator: { kind: 'trigger', dagArg: 'trigger_dag_id' },
  MwaaTriggerDagRunOperator: { kind: 'mwaa-trigger', dagArg: 'trigger_dag_id' },
};

function literal(v: Value): string | null {
  return untemplatedStr(v) ?? null;
}

function literalList(v: Value): string[] | null {
  if (v.k !== 'known') return null;
  if (v.py.t === 'str') return literal(v) === null ? null : [v.py.v];
  if (v.py.t !== 'list') return null;
  const out: string[] = [];
  for (const item of v.py.items) {
    const s = literal(item);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

/** Task and group ids of a DAG, when every task it can hold is known by id. */
function knownIds(dag: DagModel, model: FileModel): { tasks: string[] | null; groups: string[] | null } {
  const complete = dag.incomplete.length === 0 && !model.looseTasks.some((t) => t.dagUnknown !== null);
  const tasks: string[] = [];
  for (const t of dag.tasks) {
    const id = literal(t.taskId);
    if (id === null || t.repeated) return { tasks: null, groups: null };
    tasks.push(id);
  }
  const groups: string[] = [];
  for (const g of dag.groups) {
    const id = literal(g.groupId);
    if (id === null) return { tasks: complete ? tasks : null, groups: null };
    groups.push(id);
  }
  return complete ? { tasks, groups } : { tasks: null, groups: null };
}

function referenceOf(task: TaskModel): ReferenceFacts | null {
  if (!task.operator.startsWith('airflow.')) return null;
  const spec = REFERENCES[task.operator.slice(task.operator.lastIndexOf('.') + 1)];
  if (!spec) return null;
  const dagSlot = effectiveArg(task, spec.dagArg);
  const fromDag = task.dag ? literal(task.dag.dagId) : null;
  const ref: ReferenceFacts = {
    kind: spec.kind,
    fromDag,
    taskId: literal(task.taskId),
    targetDag: dagSlot.state === 'known' ? literal(dagSlot.value) : null,
    dagAt: dagSlot.state === 'known' ? dagSlot.loc : task.loc,
    targetTasks: null,
  };
  if (spec.kind === 'sensor' || spec.kind === 'marker') {
    for (const [name, kind] of [['external_task_id', 'task'], ['external_task_ids', 'task'], ['external_task_group_id', 'group']] as const) {
      const arg = effectiveArg(task, name);
      if (arg.state !== 'known') continue;
      if (arg.value.py.t === 'none') continue;
      const ids = literalList(arg.value);
      if (ids) ref.targetTasks = { kind, ids, at: arg.loc };
    }
  }
  if (spec.kind === 'mwaa-trigger') {
    const env = effectiveArg(task, 'env_name');
    const name = env.state === 'known' ? literal(env.value) : null;
    if (name !== null) ref.env = name;
  }
  return ref;
}

/** The facts the project index needs from one file's model. */
export function fileFacts(model: FileModel): FileFacts {
  const facts: FileFacts = { dags: [], references: [], produces: [], opaque: null };
  // Airflow 3's @asset / @asset.multi build a DAG per decorated function; airlint does not name those.
  for (const qname of model.imports.values()) {
    if (/^airflow\.sdk(?:\.definitions\.asset(?:\.decorators)?)?\.asset$/.test(qname)) facts.opaque = 'it uses @asset, which builds DAGs airlint does not name';
  }
  for (const dag of model.dags) {
    const id = literal(dag.dagId);
    if (id === null || dag.repeated) {
      facts.opaque ??= id === null ? `a DAG at line ${dag.loc.line} has a dag_id airlint cannot know` : `the DAG at line ${dag.loc.line} is built in a loop airlint cannot unroll`;
      continue;
    }
    const schedule = dagArg(dag, 'schedule');
    const consumes: DagFacts['consumes'] = [];
    if (schedule.state === 'known' && (schedule.value.py.t === 'list' || isAssetExpression(schedule.value.py) || schedule.value.py.t === 'instance')) {
      for (const a of assetsIn(schedule.value).assets) consumes.push({ key: a.key, at: a.loc ?? schedule.loc });
    }
    facts.dags.push({ id, at: dag.idLoc ?? dag.loc, ...knownIds(dag, model), consumes });
  }
  for (const dag of model.dags) {
    const dagId = literal(dag.dagId);
    for (const task of dag.tasks) {
      const ref = referenceOf(task);
      if (ref) facts.references.push(ref);
      if (dagId === null || dag.repeated) continue;
      const outlets = effectiveArg(task, 'outlets');
      if (outlets.state !== 'known') continue;
      for (const a of assetsIn(outlets.value).assets) facts.produces.push({ fromDag: dagId, key: a.key, at: outlets.loc });
    }
  }
  for (const task of model.looseTasks) {
    const ref = referenceOf(task);
    if (ref) facts.references.push(ref);
  }
  return facts;
}
