// What airlint knows about Airflow's authoring API, keyed by qualified name.
// Sources: Airflow 2.x `airflow/__init__.py`, `airflow/models/__init__.py`, `airflow/decorators/__init__.py`,
// `airflow/utils/task_group.py`, `airflow/models/baseoperator.py`; Airflow 3 `task-sdk/src/airflow/sdk/__init__.py`
// (its `__all__` and lazy imports); the standard provider's module layout.

/** Every public path of the DAG class, Airflow 1 to 3. */
const DAG_CLASSES = new Set([
  'airflow.DAG',
  'airflow.models.DAG',
  'airflow.models.dag.DAG',
  'airflow.sdk.DAG',
  'airflow.sdk.definitions.dag.DAG',
]);

const DAG_DECORATORS = new Set([
  'airflow.decorators.dag',
  'airflow.models.dag.dag',
  'airflow.sdk.dag',
  'airflow.sdk.definitions.dag.dag',
]);

const TASK_DECORATORS = new Set(['airflow.decorators.task', 'airflow.sdk.task', 'airflow.sdk.definitions.decorators.task']);

const TASK_GROUP_CLASSES = new Set([
  'airflow.utils.task_group.TaskGroup',
  'airflow.sdk.TaskGroup',
  'airflow.sdk.definitions.taskgroup.TaskGroup',
]);

const TASK_GROUP_DECORATORS = new Set([
  'airflow.decorators.task_group',
  'airflow.decorators.task_group.task_group',
  'airflow.sdk.task_group',
  'airflow.sdk.definitions.decorators.task_group.task_group',
]);

const CHAIN_FUNCTIONS: Record<string, 'chain' | 'chain_linear' | 'cross_downstream'> = {
  'airflow.models.baseoperator.chain': 'chain',
  'airflow.models.chain': 'chain',
  'airflow.utils.helpers.chain': 'chain',
  'airflow.sdk.chain': 'chain',
  'airflow.sdk.bases.operator.chain': 'chain',
  'airflow.models.baseoperator.chain_linear': 'chain_linear',
  'airflow.sdk.chain_linear': 'chain_linear',
  'airflow.sdk.bases.operator.chain_linear': 'chain_linear',
  'airflow.models.baseoperator.cross_downstream': 'cross_downstream',
  'airflow.utils.helpers.cross_downstream': 'cross_downstream',
  'airflow.sdk.cross_downstream': 'cross_downstream',
  'airflow.sdk.bases.operator.cross_downstream': 'cross_downstream',
};

/** Base classes a same-file operator class may extend. */
const OPERATOR_BASES = new Set([
  'airflow.models.BaseOperator',
  'airflow.models.baseoperator.BaseOperator',
  'airflow.sdk.BaseOperator',
  'airflow.sdk.bases.operator.BaseOperator',
  'airflow.sdk.definitions.baseoperator.BaseOperator',
]);

const SENSOR_BASES = new Set([
  'airflow.sensors.base.BaseSensorOperator',
  'airflow.sensors.base_sensor_operator.BaseSensorOperator',
  'airflow.sdk.BaseSensorOperator',
  'airflow.sdk.bases.sensor.BaseSensorOperator',
]);

const XCOMARG_CLASSES = new Set(['airflow.models.xcom_arg.XComArg', 'airflow.models.XComArg', 'airflow.sdk.XComArg', 'airflow.sdk.definitions.xcom_arg.XComArg']);
const EDGE_LABELS = new Set(['airflow.utils.edgemodifier.Label', 'airflow.sdk.Label', 'airflow.sdk.definitions.edges.Label']);

export function isXComArgClass(qname: string): boolean {
  return XCOMARG_CLASSES.has(qname);
}

export function isEdgeLabel(qname: string): boolean {
  return EDGE_LABELS.has(qname);
}

const SETUP_TEARDOWN: Record<string, 'setup' | 'teardown'> = {
  'airflow.decorators.setup': 'setup',
  'airflow.decorators.teardown': 'teardown',
  'airflow.decorators.setup_teardown.setup_task': 'setup',
  'airflow.decorators.setup_teardown.teardown_task': 'teardown',
  'airflow.sdk.setup': 'setup',
  'airflow.sdk.teardown': 'teardown',
};

/** `@setup` / `@teardown` decorators → the role they give, else null. */
export function setupTeardownRole(qname: string): 'setup' | 'teardown' | null {
  return SETUP_TEARDOWN[qname] ?? null;
}

export function isDagClass(qname: string): boolean {
  return DAG_CLASSES.has(qname);
}

export function isDagDecorator(qname: string): boolean {
  return DAG_DECORATORS.has(qname);
}

/** `task`, `task.bash`, `task.virtualenv`... → the kind ('python' for bare `@task`), else null. */
export function taskDecoratorKind(qname: string): string | null {
  if (TASK_DECORATORS.has(qname)) return 'python';
  const dot = qname.lastIndexOf('.');
  if (dot > 0 && TASK_DECORATORS.has(qname.slice(0, dot))) return qname.slice(dot + 1);
  return null;
}

export function isTaskGroupClass(qname: string): boolean {
  return TASK_GROUP_CLASSES.has(qname);
}

export function isTaskGroupDecorator(qname: string): boolean {
  return TASK_GROUP_DECORATORS.has(qname);
}

export function chainFunction(qname: string): 'chain' | 'chain_linear' | 'cross_downstream' | null {
  return CHAIN_FUNCTIONS[qname] ?? null;
}

/**
 * Whether a qualified name is an Airflow operator or sensor class: anything under `airflow.` whose
 * module is an operators/sensors/transfers module, or whose class name ends in Operator/Sensor.
 */
export function airflowOperatorKind(qname: string): 'operator' | 'sensor' | null {
  if (!qname.startsWith('airflow.')) return null;
  const parts = qname.split('.');
  const cls = parts[parts.length - 1] ?? '';
  if (!/^[A-Z]/.test(cls)) return null;
  if (OPERATOR_BASES.has(qname)) return 'operator';
  if (SENSOR_BASES.has(qname)) return 'sensor';
  const modules = parts.slice(0, -1);
  const inSensors = modules.some((m) => m === 'sensors' || m.endsWith('_sensor'));
  if (cls.endsWith('Sensor') || cls.endsWith('SensorOperator') || cls.endsWith('SensorAsync')) {
    return cls.startsWith('Base') && !SENSOR_BASES.has(qname) ? null : 'sensor';
  }
  // Sensor modules also hold operators and links (ExternalTaskMarker, ExternalDagLink): not sensors.
  if (inSensors) return cls.endsWith('Operator') || cls.endsWith('Marker') ? 'operator' : null;
  if (cls.endsWith('Operator')) return 'operator';
  if (modules.some((m) => m === 'operators' || m === 'transfers' || m.endsWith('_operator'))) return 'operator';
  return null;
}

export function isOperatorBase(qname: string): 'operator' | 'sensor' | null {
  if (SENSOR_BASES.has(qname)) return 'sensor';
  if (OPERATOR_BASES.has(qname)) return 'operator';
  return airflowOperatorKind(qname);
}

/** Calls whose value depends on the wall clock at parse time. */
const CLOCK_CALLS = new Set([
  'datetime.datetime.now',
  'datetime.datetime.utcnow',
  'datetime.datetime.today',
  'datetime.date.today',
  'pendulum.now',
  'pendulum.today',
  'pendulum.yesterday',
  'pendulum.tomorrow',
  'pendulum.DateTime.now',
  'pendulum.DateTime.utcnow',
  'pendulum.DateTime.today',
  'airflow.utils.dates.days_ago',
  'airflow.utils.timezone.utcnow',
  'airflow.sdk.timezone.utcnow',
  'time.time',
]);

export function isClockCall(qname: string): boolean {
  return CLOCK_CALLS.has(qname);
}
