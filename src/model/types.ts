// The static model of one DAG file: what Airflow would build when it imports the file, as far as it can
// be known without running it. Every value is known (with where it came from) or unknown (with why);
// an argument that is certainly not given is absent.
import type { Range } from '../engine/types.js';
import type { StringBinding } from './strings.js';

export type Py =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: number }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'list'; items: Value[]; tuple: boolean }
  | { t: 'dict'; entries: DictEntry[]; open: string | null }
  | { t: 'timedelta'; seconds: number }
  | { t: 'datetime'; iso: string; tz: string | null }
  | { t: 'ref'; qname: string }
  | { t: 'func'; fn: FunctionInfo; bound: Value[] }
  | { t: 'lambda' }
  | { t: 'class'; cls: ClassInfo }
  | { t: 'instance'; qname: string; args: CallArgs }
  | { t: 'taskflow'; fn: FunctionInfo; kind: string; kwargs: Map<string, ArgSlot>; loc: Range; role?: 'setup' | 'teardown' }
  | { t: 'groupfactory'; fn: FunctionInfo; kwargs: Map<string, ArgSlot> }
  | { t: 'dagfactory'; fn: FunctionInfo; kwargs: Map<string, ArgSlot>; loc: Range }
  | { t: 'partial'; target: Value; kwargs: Map<string, ArgSlot>; splat: string | null; loc: Range }
  | { t: 'task'; task: TaskModel; xcom: boolean }
  | { t: 'group'; group: GroupModel }
  | { t: 'dag'; dag: DagModel }
  /** An edge label (`a >> Label("why") >> b`) holding the tasks on its upstream side. */
  | { t: 'label'; upstream: TaskModel[] }
  | { t: 'globals' };

export interface DictEntry {
  key: string;
  value: Value;
  /** The `key: value` pair (or the keyword argument) that set this entry. */
  loc: Range | null;
}

export interface Known {
  k: 'known';
  py: Py;
  loc: Range | null;
}

export interface Unknown {
  k: 'unknown';
  reason: string;
  loc: Range | null;
  /** Set when the value is computed from the wall clock (`datetime.now()`, `days_ago()`, ...). */
  clock?: boolean;
}

export type Value = Known | Unknown;

/** One keyword argument as written (or merged from a known `**dict`). */
export interface ArgSlot {
  name: string;
  value: Value;
  /** The keyword argument (or dict entry) that set it: where findings about the value start. */
  loc: Range;
}

export interface CallArgs {
  positional: Value[];
  kwargs: Map<string, ArgSlot>;
  /** Why some keywords cannot be known (an unknown `**kwargs` or `*args`), or null. */
  splat: string | null;
}

export interface FunctionInfo {
  name: string;
  loc: Range;
  decorators: Value[];
  /** Opaque handle used by the interpreter to run the body. */
  readonly handle: unknown;
}

export interface ClassInfo {
  name: string;
  qname: string;
  bases: Value[];
  loc: Range;
  /** Identifiers assigned or passed in the class body (to tell whether it may set defaults). */
  mentions: Set<string>;
  /** Resolved operator-ness: 'operator' | 'sensor' | null. */
  operatorKind: 'operator' | 'sensor' | null;
}

/** Where a task or DAG was created, relative to `if`/`try`/`match` branches (for exclusivity). */
export type BranchPath = readonly { stmt: number; arm: number }[];

export type ArgSource = 'dag' | 'task' | 'partial' | 'decorator' | 'task-default-args' | 'group-default-args' | 'dag-default-args';

export type EffectiveArg =
  | { state: 'known'; value: Known; source: ArgSource; loc: Range; group?: GroupModel }
  | { state: 'unknown'; reason: string; source?: ArgSource; loc?: Range; clock?: boolean }
  | { state: 'absent' };

export interface DagModel {
  index: number;
  dagId: Value;
  /** The DAG constructor call or the `@dag` decorator. */
  loc: Range;
  /** The dag_id argument, when written. */
  idLoc: Range | null;
  form: 'with' | 'constructor' | 'decorator';
  args: CallArgs;
  tasks: TaskModel[];
  groups: GroupModel[];
  edges: EdgeModel[];
  /** Reasons the dependency graph may miss edges (unknown operands, XComArgs in classic operators...). */
  incomplete: string[];
  branch: BranchPath;
  /** Created inside a loop over values that cannot be known. */
  repeated: boolean;
  /** For a DAG built inside a function (a factory): the outermost call that built it. */
  callSite: Range | null;
}

export interface GroupModel {
  index: number;
  /** Creation order, shared with tasks. */
  seq: number;
  groupId: Value;
  localId: Value;
  /** The group_id argument (or the `@task_group` function name) when written. */
  idLoc: Range | null;
  /** Airflow 2 rejects this nested group: its bare id equals an id already used in the DAG. */
  collidesInAirflow2: boolean;
  prefixGroupId: Value;
  parent: GroupModel | null;
  dag: DagModel | null;
  defaultArgs: Value | null;
  loc: Range;
  tasks: TaskModel[];
  children: GroupModel[];
}

export type TaskKind = 'operator' | 'sensor' | 'taskflow' | 'unknown';

export interface TaskModel {
  index: number;
  /** Creation order, shared with task groups. */
  seq: number;
  dag: DagModel | null;
  /** Why the task's DAG cannot be known, when `dag` is null. */
  dagUnknown: string | null;
  taskId: Value;
  localId: Value;
  /** The task_id argument (or the `@task` function name) when written. */
  idLoc: Range | null;
  /** The operator call or the `@task` function call. */
  loc: Range;
  operator: string;
  kind: TaskKind;
  group: GroupModel | null;
  args: CallArgs;
  /** Where `args` came from: the operator call, `@task(...)`/`.override(...)`, or `.partial(...)`. */
  argsSource: 'task' | 'decorator' | 'partial';
  /** `task`, `task.bash`, ... for TaskFlow tasks; null for operators. */
  decorator: string | null;
  /** Setup/teardown role (`@setup`, `@teardown`, `.as_setup()`, `.as_teardown()`), or null. */
  role: 'setup' | 'teardown' | null;
  /** The operator's own `default_args=` keyword. */
  ownDefaultArgs: Value | null;
  /** The DAG's default_args as they were when the task was built (null: none). */
  dagDefaultArgs: Value | null;
  mapped: boolean;
  branch: BranchPath;
  /** Created inside a loop over values that cannot be known: it may exist zero or many times. */
  repeated: boolean;
  /** For an operator class defined in this file: the names its body mentions (it may default those). */
  classMentions: Set<string> | null;
  /** For an operator class airlint cannot see: why its own argument defaults are unknown. */
  classOpaque: string | null;
}

export type EdgeVia = '>>' | '<<' | 'set_downstream' | 'set_upstream' | 'chain' | 'chain_linear' | 'cross_downstream' | 'xcom';

export interface EdgeModel {
  from: TaskModel;
  to: TaskModel;
  loc: Range;
  via: EdgeVia;
  branch: BranchPath;
}

export interface UnknownNote {
  loc: Range;
  what: string;
  reason: string;
}

/** A call made while Airflow imports the file (not inside task code): what `parse-time-io` reads. */
export interface ParseTimeCall {
  /** Qualified name of what is called (`airflow.models.Variable.get`, `boto3.client`, `<hook>.get_conn`). */
  qname: string;
  loc: Range;
  args: CallArgs;
  /** Made while a DAG is being defined (inside `with DAG`, a `@dag` body or DAG/operator arguments). */
  inDag: boolean;
  /** Made inside a function airlint followed (a factory or helper called at import time). */
  inFunction: boolean;
}

export interface FileModel {
  /** Calls to functions and methods airlint cannot fold, in the order Airflow would make them. */
  calls: ParseTimeCall[];
  /** Module-level names and their values when the import finishes. */
  globals: ReadonlyMap<string, Value>;
  /**
   * Every literal string of the whole file with what it is bound to (see strings.ts). Computed on
   * first use, while the syntax tree is alive (during linting).
   */
  strings(): readonly StringBinding[];
  dags: DagModel[];
  /** Tasks certainly attached to no DAG, or whose DAG cannot be known. */
  looseTasks: TaskModel[];
  unknowns: UnknownNote[];
  /** Local name → qualified name, for every import in the file. */
  imports: Map<string, string>;
  /** `@dag` functions that are defined but never called (Airflow registers no DAG for them). */
  uncalledDagFunctions: FunctionInfo[];
  /** Exceptions the interpreter hit and contained (bugs in airlint; reported, never thrown). */
  internalErrors: string[];
}
