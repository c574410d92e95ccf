// fast-check arbitraries for DAG-shaped Python: imports of real Airflow 2/3 and amazon provider
// classes, DAGs written as `with DAG(...)`, `@dag` and `dag = DAG(...)`, operators with random
// keyword arguments (retries, timeouts, callbacks, default_args dicts, unknown calls, **kwargs),
// TaskGroups, @task functions, literal and unknown loops, edges (`>>`, `<<`, lists, chain,
// set_downstream), connections and fake credentials.
//
// A generated file is a plan (plain data that fast-check can shrink) rendered to text. The fake
// credentials are written where the security rules must find them, and returned with the text: they
// must never appear in any output.
import fc from 'fast-check';

export interface GeneratedDag {
  text: string;
  /** Credentials written in a form the security rules report: none may appear in any output. */
  secrets: string[];
}

// ---------------------------------------------------------------- imports and operators

const IMPORTS = [
  'from airflow import DAG',
  'from airflow.models import DAG, Variable',
  'from airflow.models.dag import DAG',
  'from airflow.sdk import DAG, dag, task, task_group, TaskGroup, chain, Asset, Variable',
  'from airflow.decorators import dag, task, task_group, setup, teardown',
  'from airflow.utils.task_group import TaskGroup',
  'from airflow.models.baseoperator import chain, cross_downstream',
  'from airflow.operators.bash import BashOperator',
  'from airflow.operators.python import PythonOperator, BranchPythonOperator',
  'from airflow.operators.empty import EmptyOperator',
  'from airflow.operators.dummy import DummyOperator',
  'from airflow.operators.trigger_dagrun import TriggerDagRunOperator',
  'from airflow.sensors.external_task import ExternalTaskSensor, ExternalTaskMarker',
  'from airflow.providers.standard.operators.bash import BashOperator',
  'from airflow.providers.standard.operators.python import PythonOperator',
  'from airflow.providers.standard.operators.empty import EmptyOperator',
  'from airflow.providers.amazon.aws.operators.s3 import S3CreateBucketOperator, S3CopyObjectOperator, S3DeleteObjectsOperator',
  'from airflow.providers.amazon.aws.operators.glue import GlueJobOperator',
  'from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator, EmrCreateJobFlowOperator, EmrServerlessStartJobOperator',
  'from airflow.providers.amazon.aws.operators.lambda_function import LambdaInvokeFunctionOperator',
  'from airflow.providers.amazon.aws.operators.redshift_data import RedshiftDataOperator',
  'from airflow.providers.amazon.aws.operators.athena import AthenaOperator',
  'from airflow.providers.amazon.aws.operators.mwaa import MwaaTriggerDagRunOperator',
  'from airflow.providers.amazon.aws.operators.sns import SnsPublishOperator',
  'from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor',
  'from airflow.providers.amazon.aws.hooks.s3 import S3Hook',
  'from airflow.hooks.base import BaseHook',
  'from airflow.models.connection import Connection',
  'from airflow.datasets import Dataset',
  'from airflow.utils.dates import days_ago',
  'from airflow.utils.trigger_rule import TriggerRule',
  'from datetime import datetime, timedelta',
  'import datetime as dt',
  'import pendulum',
  'import os',
  'import boto3',
  'from my_company.operators import CustomOperator',
  'from .helpers import make_tasks',
];

const OPERATORS = [
  'BashOperator',
  'PythonOperator',
  'BranchPythonOperator',
  'EmptyOperator',
  'DummyOperator',
  'TriggerDagRunOperator',
  'ExternalTaskSensor',
  'ExternalTaskMarker',
  'S3CreateBucketOperator',
  'S3CopyObjectOperator',
  'S3DeleteObjectsOperator',
  'GlueJobOperator',
  'EmrAddStepsOperator',
  'EmrCreateJobFlowOperator',
  'EmrServerlessStartJobOperator',
  'LambdaInvokeFunctionOperator',
  'RedshiftDataOperator',
  'AthenaOperator',
  'MwaaTriggerDagRunOperator',
  'SnsPublishOperator',
  'S3KeySensor',
  'CustomOperator',
  'UnknownOperator',
];

const KWARG_NAMES = [
  'task_id', 'retries', 'retry_delay', 'retry_exponential_backoff', 'max_retry_delay', 'execution_timeout', 'timeout',
  'sla', 'on_failure_callback', 'on_retry_callback', 'on_success_callback', 'email', 'email_on_failure', 'trigger_rule',
  'pool', 'queue', 'owner', 'depends_on_past', 'wait_for_downstream', 'bash_command', 'python_callable', 'op_kwargs',
  'op_args', 'params', 'aws_conn_id', 'region_name', 'bucket_name', 'bucket_key', 'source_bucket_key', 'dest_bucket_key',
  'job_name', 'script_location', 'function_name', 'payload', 'sql', 'database', 'cluster_identifier', 'workgroup',
  'job_flow_id', 'steps', 'job_flow_overrides', 'iam_role_name', 'role_arn', 'execution_role_arn', 'mode',
  'poke_interval', 'deferrable', 'soft_fail', 'external_dag_id', 'external_task_id', 'external_task_ids',
  'trigger_dag_id', 'env_name', 'wait_for_completion', 'conf', 'outlets', 'inlets', 'doc_md', 'priority_weight',
  'weight_rule', 'map_index_template', 'do_xcom_push', 'postgres_conn_id', 'conn_id', 'extra', 'headers', 'env',
  'unknown_kwarg',
];

const DAG_KWARG_NAMES = [
  'schedule', 'schedule_interval', 'timetable', 'start_date', 'end_date', 'catchup', 'default_args', 'tags',
  'max_active_runs', 'max_active_tasks', 'concurrency', 'dagrun_timeout', 'sla_miss_callback', 'on_failure_callback',
  'description', 'doc_md', 'params', 'is_paused_upon_creation', 'render_template_as_native_obj', 'owner_links',
  'template_searchpath', 'user_defined_macros', 'access_control', 'fail_stop',
];

const SCHEDULES = [
  '"@daily"', '"@hourly"', '"@once"', '"@continuous"', 'None', '"0 6 * * 1-5"', '"*/15 * * * *"', '"0 0 31 2 *"',
  '"61 * * * *"', '"@every 5m"', '"0 0 L * *"', '"0 12 * * MON#1"', 'timedelta(hours=6)', 'dt.timedelta(days=1)',
  '[Dataset("s3://bucket/key")]', 'Asset("s3://lake/orders")', '"not a cron"', '""', '"0 0 * * * *"',
];

// ---------------------------------------------------------------- values

const NAMES = ['x', 'cfg', 'ENV', 'settings', 'items', 'on_fail', 'alert', 'default_args', 'DEFAULTS', 'dag', 'i', 'name', 'undefined_name'];

const stringContent = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('daily_sales', 'load', 'extract', 'team-data', 's3://bucket/prefix/', 'echo hi', 'SELECT 1', 'us-east-1', 'aws_default', 'my_conn', 'a.b', '') },
  { weight: 2, arbitrary: fc.constantFrom('{{ ds }}', '{{ var.value.bucket }}', '{{ conn.my_conn.password }}', '{{ params.x }}', '{% if x %}y{% endif %}') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => s.replace(/[\\"\n\r]/g, '')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'grapheme' }).map((s) => s.replace(/[\\"\n\r]/g, '')) },
);

const pyString = fc.tuple(fc.constantFrom('', '', '', 'r', 'f', 'b', 'u'), stringContent).map(([prefix, s]) => `${prefix}"${prefix.includes('f') ? s.replace(/[{}]/g, '') : s}"`);

const LEAF_EXPRESSIONS = [
  'None', 'True', 'False', '0', '1', '3', '-1', '0.5', '1e3', '"5"', "'2'", '10**9',
  'timedelta(minutes=5)', 'timedelta(hours=1)', 'timedelta(seconds=-1)', 'timedelta(0)', 'dt.timedelta(days=2)',
  'datetime(2024, 1, 1)', 'datetime(2024, 13, 1)', 'pendulum.datetime(2024, 1, 1, tz="UTC")', 'pendulum.datetime(2024, 1, 1, tz="Europe/Paris")',
  'pendulum.today("UTC").add(days=-1)', 'days_ago(1)', 'datetime.now()', 'pendulum.duration(hours=2)',
  'os.environ["BUCKET"]', 'os.getenv("REGION", "eu-west-1")', 'Variable.get("bucket")', 'Variable.get("cfg", deserialize_json=True)["x"]',
  'BaseHook.get_connection("pg").password', 'S3Hook().get_conn()', 'boto3.client("s3")', 'TriggerRule.ALL_DONE', '"all_done"',
  '"none_failed_min_one_success"', 'Dataset("s3://bucket/key")', 'Asset("s3://lake/orders")', 'lambda context: None', 'print',
  'on_fail', 'alert', 'undefined_name', 'x if y else 3', 'f"{x}-suffix"', 'f"task_{i}"', '"a" + "b"', '3 * 2', '[]', '{}', '()',
  '...', 'not x', '-x', 'x[0]', 'x.attr', 'x.method(1)', 'make_tasks()', 'open("secret.txt").read()', 'requests.get("http://x")',
];

/**
 * Fake credentials, each in a form the security rules report (see src/model/secrets.ts): an AWS
 * access key id anywhere, an AWS secret key under its keyword, a password in a URI, a value under a
 * sensitive name. The random part has digits and letters, so it is no placeholder or reference.
 */
const AWS_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/**
 * `length` distinct characters, shuffled from `chars` by a small PRNG (xorshift32) seeded from the
 * arbitrary: whatever the seed shrinks to, the value stays random-looking (never `AAAA…`, `xxxxxx`
 * or a low-entropy key id, which the rules rightly take for placeholders), so a shrunk
 * counterexample still holds a real-looking credential.
 */
// No vowels in the default alphabet: a credential spelling "fake", "test" or "your" is rightly a placeholder.
const randomPart = (length: number, chars = 'bcdfghjkmnpqrstvwyzBCDFGHJKLMNPQRSTVWYZ23456789'): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => {
    let x = (seed ^ 0x9e3779b9) >>> 0 || 1;
    const next = (): number => {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x;
    };
    const pool = [...chars];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, length).join('');
  });

interface SecretPlan {
  /** The Python expression or keyword argument text. */
  code: string;
  secret: string;
  /** Where it can go: a keyword argument (`name=value`) or a plain expression. */
  as: 'kwarg' | 'expr' | 'statement';
}

const secretPlan: fc.Arbitrary<SecretPlan> = fc.oneof(
  randomPart(16, AWS_ID_CHARS).map((r) => ({ code: `aws_access_key_id="AKIA${r}"`, secret: `AKIA${r}`, as: 'kwarg' as const })),
  randomPart(16, AWS_ID_CHARS).map((r) => ({ code: `"ASIA${r}"`, secret: `ASIA${r}`, as: 'expr' as const })),
  randomPart(36).map((r) => ({ code: `aws_secret_access_key="Zq9/${r}"`, secret: `Zq9/${r}`, as: 'kwarg' as const })),
  randomPart(14).map((r) => ({ code: `password="Pw7${r}"`, secret: `Pw7${r}`, as: 'kwarg' as const })),
  randomPart(24).map((r) => ({ code: `api_key="k3y${r}"`, secret: `k3y${r}`, as: 'kwarg' as const })),
  randomPart(12).map((r) => ({ code: `"postgresql://etl:Uq8${r}@db.internal:5432/sales"`, secret: `Uq8${r}`, as: 'expr' as const })),
  randomPart(12).map((r) => ({ code: `os.environ["AIRFLOW_CONN_WAREHOUSE"] = "postgres://etl:Vb4${r}@db:5432/w"`, secret: `Vb4${r}`, as: 'statement' as const })),
  randomPart(20).map((r) => ({ code: `DB_PASSWORD = "Hx2${r}"`, secret: `Hx2${r}`, as: 'statement' as const })),
  randomPart(20).map((r) => ({ code: `headers={"Authorization": "Bearer Tk5${r}"}`, secret: `Tk5${r}`, as: 'kwarg' as const })),
  randomPart(16).map((r) => ({ code: `extra='{"password": "Js6${r}"}'`, secret: `Js6${r}`, as: 'kwarg' as const })),
);

/** `not x`, `lambda: x` and conditionals need parentheses as operands of a binary operator. */
const operand = (code: string): string => (/^(not |lambda)|\bif\b/.test(code) ? `(${code})` : code);

const expression: (depth: number) => fc.Arbitrary<string> = (depth) => {
  const leaf = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...LEAF_EXPRESSIONS) },
    { weight: 3, arbitrary: pyString },
    { weight: 2, arbitrary: fc.integer({ min: -5, max: 1000 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom(...NAMES) },
    { weight: 1, arbitrary: fc.constantFrom(...SCHEDULES) },
  );
  if (depth <= 0) return leaf;
  const sub = expression(depth - 1);
  const key = fc.oneof(fc.constantFrom(...KWARG_NAMES, 'password', 'token', 'secret', 'Authorization', 'retries'), stringContent).map((k) => JSON.stringify(k));
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(sub, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) },
    { weight: 1, arbitrary: fc.array(sub, { maxLength: 2 }).map((xs) => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`) },
    { weight: 2, arbitrary: fc.array(fc.tuple(key, sub), { maxLength: 3 }).map((ps) => `{${ps.map(([k, v]) => `${k}: ${v}`).join(', ')}}`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-', '*', '|', '&', ' or ', ' and ', '==', '%', '//'), sub).map(([a, op, b]) => `${operand(a)} ${op.trim()} ${operand(b)}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('helper', 'dict', 'list', 'str', 'int', 'timedelta', 'Variable.get', 'make_tasks', 'json.loads'), fc.array(sub, { maxLength: 2 })).map(([f, xs]) => `${f}(${xs.join(', ')})`) },
    { weight: 1, arbitrary: fc.tuple(fc.array(fc.tuple(fc.constantFrom(...KWARG_NAMES), sub), { maxLength: 2 })).map(([ps]) => `dict(${ps.map(([k, v]) => `${k}=${v}`).join(', ')})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `${a} if cond else ${b}`) },
  );
};

// ---------------------------------------------------------------- plans

type Kwarg = { k: 'kw'; name: string; value: string } | { k: 'splat'; name: string } | { k: 'secret'; secret: SecretPlan };

const kwarg = (names: readonly string[]): fc.Arbitrary<Kwarg> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.record({ k: fc.constant('kw' as const), name: fc.constantFrom(...names), value: expression(2) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('splat' as const), name: fc.constantFrom('kwargs', 'default_args', 'COMMON', 'cfg') }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('secret' as const), secret: secretPlan.filter((s) => s.as === 'kwarg') }) },
  );

type TaskId = { k: 'lit'; id: string } | { k: 'expr'; code: string } | { k: 'none' };

const taskId: fc.Arbitrary<TaskId> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('extract', 'transform', 'load', 'notify', 'a', 'b', 'c', 'start', 'end', 'x😀', 'group.task', 'dup').map((id) => ({ k: 'lit' as const, id })) },
  { weight: 1, arbitrary: fc.constantFrom('f"task_{i}"', 'name', 'f"{x}_load"', '"a" + "b"', 'undefined_id', '""', '"has space"', '"' + 'x'.repeat(300) + '"').map((code) => ({ k: 'expr' as const, code })) },
  { weight: 1, arbitrary: fc.constant({ k: 'none' as const }) },
);

type Edge = { k: '>>' | '<<' | 'list' | 'chain' | 'set_downstream' | 'set_upstream' | 'cross' | 'chain3'; a: number; b: number; c: number };

export type Stmt =
  | { k: 'op'; assign: boolean; operator: string; id: TaskId; kwargs: Kwarg[] }
  | { k: 'task'; decorator: string; id: TaskId; kwargs: Kwarg[]; calls: number; body: string }
  | { k: 'group'; form: 'with' | 'decorator'; id: TaskId; kwargs: Kwarg[]; body: Stmt[] }
  | { k: 'loop'; over: string; body: Stmt[] }
  | { k: 'edge'; edge: Edge }
  | { k: 'raw'; code: string }
  | { k: 'secret'; secret: SecretPlan }
  | { k: 'if'; cond: string; body: Stmt[] };

const edge: fc.Arbitrary<Edge> = fc.record({
  k: fc.constantFrom('>>', '>>', '>>', '<<', 'list', 'chain', 'set_downstream', 'set_upstream', 'cross', 'chain3'),
  a: fc.nat(20),
  b: fc.nat(20),
  c: fc.nat(20),
});

const RAW = [
  'pass',
  '# a comment',
  'helper()',
  'x = 1',
  'print("parsing")',
  'items = ["a", "b"]',
  'data = Variable.get("cfg")',
  'conn = BaseHook.get_connection("pg")',
  'requests.get("https://example.com")',
  'Variable.set("api_token", "Wq3rT9zLm2pX8")',
  'time.sleep(1)',
  'del x',
  'x += 1',
  'assert True',
  'global y',
  'raise ValueError("no")',
  'return',
  'yield 1',
  'import json',
  'make_tasks(dag)',
  'lambda: 1',
  '"docstring"',
];

const statements = (depth: number): fc.Arbitrary<Stmt[]> => {
  const simple: fc.Arbitrary<Stmt>[] = [
    fc.record({ k: fc.constant('op' as const), assign: fc.constantFrom(true, true, true, false), operator: fc.constantFrom(...OPERATORS), id: taskId, kwargs: fc.array(kwarg(KWARG_NAMES), { maxLength: 5 }) }),
    fc.record({
      k: fc.constant('task' as const),
      decorator: fc.constantFrom('task', 'task()', 'task(retries=2)', 'task.python', 'task.bash', 'task.branch', 'task.virtualenv', 'setup', 'teardown', 'task(task_id="custom")', 'task(multiple_outputs=True)'),
      id: taskId,
      kwargs: fc.array(kwarg(['retries', 'retry_delay', 'task_id', 'execution_timeout', 'on_failure_callback']), { maxLength: 2 }),
      calls: fc.integer({ min: 0, max: 3 }),
      body: fc.constantFrom('return 1', 'print(x)', 'return "echo hi"', 'pass', 'return [1, 2]', 'raise RuntimeError()'),
    }),
    fc.record({ k: fc.constant('edge' as const), edge }),
    fc.record({ k: fc.constant('raw' as const), code: fc.constantFrom(...RAW) }),
  ];
  const arb: fc.Arbitrary<Stmt>[] = [...simple, fc.record({ k: fc.constant('secret' as const), secret: secretPlan.filter((s) => s.as !== 'statement') })];
  if (depth > 0) {
    const body = statements(depth - 1);
    arb.push(
      fc.record({ k: fc.constant('group' as const), form: fc.constantFrom('with', 'with', 'decorator'), id: taskId, kwargs: fc.array(kwarg(['tooltip', 'prefix_group_id', 'default_args', 'ui_color']), { maxLength: 2 }), body }),
      fc.record({ k: fc.constant('loop' as const), over: fc.constantFrom('["a", "b", "c"]', 'range(3)', 'items', '("x",)', 'Variable.get("tables").split(",")', '[]', '{"a": 1}'), body }),
      fc.record({ k: fc.constant('if' as const), cond: fc.constantFrom('True', 'ENV == "prod"', 'os.getenv("X")', 'False'), body }),
    );
  }
  return fc.array(fc.oneof(...arb.map((a, i) => ({ weight: i === 0 ? 6 : i === 2 ? 4 : 1, arbitrary: a }))), { minLength: 0, maxLength: depth > 0 ? 8 : 4 });
};

export interface DagPlan {
  form: 'with' | 'with-as' | 'decorator' | 'assign' | 'sdk';
  id: TaskId;
  kwargs: Kwarg[];
  body: Stmt[];
}

const dagPlan: fc.Arbitrary<DagPlan> = fc.record({
  form: fc.constantFrom('with', 'with-as', 'decorator', 'assign', 'sdk'),
  id: taskId,
  kwargs: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: kwarg(DAG_KWARG_NAMES) },
      { weight: 2, arbitrary: fc.constantFrom(...SCHEDULES).map((v) => ({ k: 'kw' as const, name: 'schedule', value: v })) },
      { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...KWARG_NAMES), expression(1)), { maxLength: 4 }).map((ps) => ({ k: 'kw' as const, name: 'default_args', value: `{${ps.map(([k, v]) => `"${k}": ${v}`).join(', ')}}` })) },
    ),
    { maxLength: 6 },
  ),
  body: statements(2),
});

/** The imports most generated files start with, so that most DAGs and operators resolve. */
const CORE_IMPORTS = [
  'from datetime import datetime, timedelta',
  'from airflow import DAG',
  'from airflow.decorators import dag, task, task_group, setup, teardown',
  'from airflow.utils.task_group import TaskGroup',
  'from airflow.models.baseoperator import chain, cross_downstream',
  'from airflow.operators.empty import EmptyOperator',
  'from airflow.operators.bash import BashOperator',
  'from airflow.operators.python import PythonOperator, BranchPythonOperator',
  'from airflow.providers.amazon.aws.operators.s3 import S3CreateBucketOperator, S3CopyObjectOperator, S3DeleteObjectsOperator',
  'from airflow.providers.amazon.aws.operators.glue import GlueJobOperator',
  'from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor',
];

export interface ModulePlan {
  core: boolean;
  imports: number[];
  header: string[];
  secrets: SecretPlan[];
  dags: DagPlan[];
  trailer: string[];
  lineEnd: '\n' | '\r\n';
  indent: '    ' | '  ' | '\t';
}

export const modulePlan: fc.Arbitrary<ModulePlan> = fc.record({
  core: fc.constantFrom(true, true, true, false),
  imports: fc.array(fc.nat(IMPORTS.length - 1), { minLength: 1, maxLength: 8 }),
  header: fc.array(
    fc.constantFrom(
      'default_args = {"owner": "data", "retries": 2, "retry_delay": timedelta(minutes=5)}',
      'default_args = {"retries": 0, "on_failure_callback": alert}',
      'DEFAULTS = dict(retries=3, email_on_failure=True, email=["a@b.c"])',
      'COMMON = {"aws_conn_id": "aws_default", "region_name": "eu-west-1"}',
      'def alert(context):\n    print(context)',
      'def on_fail(context):\n    pass',
      'ENV = os.getenv("ENV", "dev")',
      'items = ["a", "b"]',
      'x = y = 1',
      'cfg = Variable.get("cfg", deserialize_json=True)',
      'class CustomOperator(BaseOperator):\n    def execute(self, context):\n        return 1',
      'def make_tasks(dag):\n    return [EmptyOperator(task_id=f"m{i}", dag=dag) for i in range(3)]',
    ),
    { maxLength: 4 },
  ),
  secrets: fc.array(secretPlan.filter((s) => s.as === 'statement'), { maxLength: 2 }),
  dags: fc.array(dagPlan, { minLength: 1, maxLength: 3 }),
  trailer: fc.array(fc.constantFrom('if __name__ == "__main__":\n    dag.test()', 'globals()["x"] = dag', '# end', 'dag.cli()', 'x = [d for d in range(3)]'), { maxLength: 2 }),
  lineEnd: fc.constantFrom('\n', '\n', '\n', '\r\n'),
  indent: fc.constantFrom('    ', '    ', '  ', '\t'),
});

// ---------------------------------------------------------------- rendering

class Renderer {
  readonly lines: string[] = [];
  readonly secrets: string[] = [];
  /** Variables holding tasks, for edges. */
  readonly tasks: string[] = [];
  private counter = 0;

  constructor(private readonly unit: string) {}

  line(depth: number, code: string): void {
    for (const l of code.split('\n')) this.lines.push(this.unit.repeat(depth) + l.replace(/^(?: {4})+/, (m) => this.unit.repeat(m.length / 4)));
  }

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  kwargs(list: Kwarg[], id: TaskId | null, extra: string[] = []): string {
    const parts: string[] = [];
    if (id?.k === 'lit') parts.push(`task_id=${JSON.stringify(id.id)}`);
    if (id?.k === 'expr') parts.push(`task_id=${id.code}`);
    for (const k of list) {
      if (k.k === 'kw') parts.push(`${k.name}=${k.value}`);
      else if (k.k === 'splat') parts.push(`**${k.name}`);
      else {
        parts.push(k.secret.code);
        this.secrets.push(k.secret.secret);
      }
    }
    return [...parts, ...extra].join(', ');
  }

  task(i: number): string {
    if (this.tasks.length === 0) return `t${i}`; // an undefined name
    return this.tasks[i % this.tasks.length]!;
  }

  stmt(s: Stmt, depth: number, dagVar: string | null): void {
    switch (s.k) {
      case 'op': {
        const call = `${s.operator}(${this.kwargs(s.kwargs, s.id, dagVar ? [`dag=${dagVar}`] : [])})`;
        if (s.assign) {
          const v = this.fresh('t');
          this.tasks.push(v);
          this.line(depth, `${v} = ${call}`);
        } else this.line(depth, call);
        return;
      }
      case 'task': {
        const fn = this.fresh('fn_');
        const args = this.kwargs(s.kwargs, null);
        const d = s.decorator;
        const deco = !args ? d : d.endsWith('()') ? `${d.slice(0, -1)}${args})` : d.endsWith(')') ? `${d.slice(0, -1)}, ${args})` : `${d}(${args})`;
        this.line(depth, `@${deco}`);
        this.line(depth, `def ${fn}(x=None):`);
        this.line(depth + 1, s.body);
        for (let i = 0; i < s.calls; i++) {
          const v = this.fresh('r');
          this.tasks.push(v);
          this.line(depth, i === 2 ? `${v} = ${fn}.expand(x=[1, 2])` : `${v} = ${fn}(${i === 1 && this.tasks.length > 1 ? this.task(0) : ''})`);
        }
        return;
      }
      case 'group': {
        const id = s.id.k === 'lit' ? JSON.stringify(s.id.id) : s.id.k === 'expr' ? s.id.code : '"group"';
        if (s.form === 'with') {
          const g = this.fresh('g');
          this.line(depth, `with TaskGroup(${[id, this.kwargs(s.kwargs, null)].filter(Boolean).join(', ')}) as ${g}:`);
          this.body(s.body, depth + 1, null);
          this.tasks.push(g);
        } else {
          const fn = this.fresh('grp_');
          this.line(depth, `@task_group(group_id=${id})`);
          this.line(depth, `def ${fn}():`);
          this.body(s.body, depth + 1, null);
          const v = this.fresh('gr');
          this.line(depth, `${v} = ${fn}()`);
          this.tasks.push(v);
        }
        return;
      }
      case 'loop': {
        const v = this.fresh('item');
        this.line(depth, `for ${v} in ${s.over}:`);
        this.body(s.body, depth + 1, dagVar);
        return;
      }
      case 'if':
        this.line(depth, `if ${s.cond}:`);
        this.body(s.body, depth + 1, dagVar);
        return;
      case 'edge': {
        const { a, b, c } = s.edge;
        const [x, y, z] = [this.task(a), this.task(b), this.task(c)];
        const code = {
          '>>': `${x} >> ${y}`,
          '<<': `${x} << ${y}`,
          list: `${x} >> [${y}, ${z}]`,
          chain: `chain(${x}, ${y})`,
          chain3: `chain(${x}, [${y}, ${z}], ${x})`,
          set_downstream: `${x}.set_downstream(${y})`,
          set_upstream: `${x}.set_upstream([${y}, ${z}])`,
          cross: `cross_downstream([${x}], [${y}, ${z}])`,
        }[s.edge.k];
        this.line(depth, code);
        return;
      }
      case 'raw':
        this.line(depth, s.code);
        return;
      case 'secret':
        if (s.secret.as === 'kwarg') this.line(depth, `EmptyOperator(task_id="s${this.counter++}", ${s.secret.code})`);
        else this.line(depth, `conn_uri = ${s.secret.code}`);
        this.secrets.push(s.secret.secret);
        return;
    }
  }

  body(list: Stmt[], depth: number, dagVar: string | null): void {
    if (list.length === 0) this.line(depth, 'pass');
    for (const s of list) this.stmt(s, depth, dagVar);
  }

  dag(d: DagPlan): void {
    const id = d.id.k === 'lit' ? JSON.stringify(d.id.id) : d.id.k === 'expr' ? d.id.code : null;
    const args = [id, this.kwargs(d.kwargs, null)].filter(Boolean).join(', ');
    const v = this.fresh('dag');
    switch (d.form) {
      case 'with':
      case 'sdk':
        this.line(0, `with DAG(${args}):`);
        this.body(d.body, 1, null);
        return;
      case 'with-as':
        this.line(0, `with DAG(${args}) as ${v}:`);
        this.body(d.body, 1, null);
        return;
      case 'decorator':
        this.line(0, `@dag(${[id ? `dag_id=${id}` : null, this.kwargs(d.kwargs, null)].filter(Boolean).join(', ')})`);
        this.line(0, `def ${v}_fn():`);
        this.body(d.body, 1, null);
        this.line(0, '');
        this.line(0, `${v}_fn()`);
        return;
      case 'assign':
        this.line(0, `${v} = DAG(${args})`);
        for (const s of d.body) this.stmt(s, 0, v);
        return;
    }
  }
}

export function renderModule(plan: ModulePlan): GeneratedDag {
  const r = new Renderer(plan.indent);
  if (plan.core) for (const line of CORE_IMPORTS) r.line(0, line);
  for (const i of plan.imports) r.line(0, IMPORTS[i]!);
  if (plan.dags.some((d) => d.form === 'sdk')) r.line(0, 'from airflow.sdk import DAG');
  r.line(0, '');
  for (const h of plan.header) r.line(0, h);
  for (const s of plan.secrets) {
    r.line(0, s.code);
    r.secrets.push(s.secret);
  }
  for (const d of plan.dags) {
    r.line(0, '');
    r.dag(d);
  }
  for (const t of plan.trailer) r.line(0, t);
  return { text: `${r.lines.join(plan.lineEnd)}${plan.lineEnd}`, secrets: r.secrets };
}

/** Generated DAG files. */
export const generatedDag: fc.Arbitrary<GeneratedDag> = modulePlan.map(renderModule);
