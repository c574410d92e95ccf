// Synthetic DAG corpus for the benchmark: a deterministic (seeded) Airflow repository of N files.
//
// The shape follows real DAG folders: classic `with DAG(...)` files and TaskFlow `@dag`/`@task` files,
// TaskGroups, long `>>` chains, shared and inline `default_args`, AWS pipelines (S3, EMR with
// job_flow_overrides, Glue, Redshift, Lambda), ExternalTaskSensor / TriggerDagRunOperator references to
// other generated DAGs, a `common/` package of helper modules (no DAG in them), a few DAG factories,
// and, from 1,000 files up, a few code-generated DAG files of 1-2 MB. Some files carry findings on
// purpose (no retries, a cron typo, a deprecated argument, an EMR default role) so the linter does real
// work. File i depends only on (seed, i) except for where the very large files sit, and references
// only point at earlier files.
//
// Corpora are cached under os.tmpdir()/airlint-bench/, keyed by size, seed and a hash of this file (the
// generator version), so repeated runs reuse them.
//
//   node tools/bench/corpus.mjs --size 1000 [--seed 1]   prints the folder (generating it if needed)
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The generator version: a hash of this file, so any change to it makes a new corpus. */
export const GENERATOR_VERSION = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 10);

export const DEFAULT_SIZES = [100, 1000, 10000];
export const DEFAULT_SEED = 1;

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** 32-bit FNV-1a of a string, used to derive one independent seed per file. */
function hash32(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32) with the helpers the templates use. */
class Rng {
  constructor(seed) {
    this.state = seed >>> 0;
  }
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  /** `k` distinct items of `list`, in list order. */
  sample(list, k) {
    const idx = list.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx.slice(0, Math.min(k, list.length)).sort((a, b) => a - b).map((i) => list[i]);
  }
  /** Picks a key of `weights` ({name: weight}) with probability proportional to its weight. */
  weighted(weights) {
    const entries = Object.entries(weights);
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
}

const rngFor = (seed, ...parts) => new Rng(hash32([seed, ...parts].join(':')));

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const TEAMS = ['finance', 'marketing', 'growth', 'ml', 'platform', 'data_eng', 'risk', 'ops', 'sales', 'supply_chain', 'search', 'ads', 'payments', 'identity', 'logistics', 'support', 'product', 'security', 'analytics', 'crm'];
const DOMAINS = ['orders', 'customers', 'events', 'clickstream', 'inventory', 'invoices', 'sessions', 'payments', 'shipments', 'campaigns', 'leads', 'features', 'models', 'logs', 'metrics', 'audits', 'refunds', 'accounts', 'products', 'reviews', 'partners', 'ledger', 'fx_rates', 'tickets'];
const VERBS = ['extract', 'load', 'transform', 'validate', 'publish', 'aggregate', 'dedupe', 'enrich', 'export', 'snapshot', 'backfill', 'compact', 'score', 'train', 'sync', 'reconcile', 'archive', 'index'];
const NOUNS = ['raw', 'staging', 'curated', 'daily', 'hourly', 'delta', 'partition', 'snapshot', 'summary', 'report', 'manifest', 'features', 'metrics', 'dimension', 'facts'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const GOOD_CRONS = ['0 6 * * *', '*/15 * * * *', '30 2 * * 1-5', '0 */4 * * *', '15 3 * * *', '0 0 1 * *', '45 23 * * 0', '0 9-17 * * 1-5', '5 4 * * sun', '0 12 1,15 * *'];
const PRESETS = ['@daily', '@hourly', '@weekly', '@monthly'];
/** Cron strings Airflow rejects: an hour of 24, minute 61, four fields, day 32. */
const BAD_CRONS = ['0 24 * * *', '61 * * * *', '0 6 * *', '0 6 32 * *'];
const ZONES = ['UTC', 'Europe/Dublin', 'America/New_York', 'Europe/Berlin', 'Asia/Singapore'];
const INSTANCE_TYPES = ['m5.xlarge', 'm5.2xlarge', 'r5.2xlarge', 'r5.4xlarge', 'c5.4xlarge', 'm6g.2xlarge'];

const word = (rng) => rng.pick(VERBS);
const title = (s) => s.replace(/(^|_)(\w)/g, (_, sep, c) => (sep ? ' ' : '') + c.toUpperCase());
const pyStr = (s) => JSON.stringify(s);

// ---------------------------------------------------------------------------------------------------
// What each file is (cheap: other files look at it to reference its DAG)

/**
 * The plan of file `i`: kind, path, and for a DAG file its id and a task other DAGs may point at.
 * Drawn from its own generator, so it never depends on the corpus size.
 */
export function planOf(seed, i) {
  const rng = rngFor(seed, 'plan', i);
  const team = rng.pick(TEAMS);
  const domain = rng.pick(DOMAINS);
  const verb = rng.pick(VERBS);
  const kind = i < 6 ? 'helper' : rng.weighted({ classic: 36, taskflow: 24, aws: 26, groups: 6, factory: 2, helper: 6 });
  const n = String(i).padStart(5, '0');
  if (kind === 'helper') {
    const names = ['callbacks', 'defaults', 'sql_utils', 's3_paths', 'slack', 'naming', 'quality', 'dates', 'secrets_util', 'emr_config'];
    const name = i < names.length ? names[i] : `${rng.pick(names)}_${n}`;
    return { i, kind, team, domain, path: `dags/common/${name}.py`, module: `common.${name}` };
  }
  const dagId = `${team}_${domain}_${verb}_${n}`;
  const style = kind === 'taskflow' ? 'taskflow' : 'classic';
  // The task other DAGs wait for: every generated DAG (but factories) ends with it.
  const finalTask = style === 'taskflow' ? `mark_${domain}_done` : `${verb}_done`;
  const sdk = rng.chance(0.15);
  return { i, kind, team, domain, verb, dagId, finalTask, sdk, path: `dags/${team}/${domain}/${verb}_${domain}_${n}.py` };
}

// ---------------------------------------------------------------------------------------------------
// Code emission

class Out {
  constructor() {
    this.lines = [];
  }
  line(s = '', indent = 0) {
    this.lines.push(s === '' ? '' : '    '.repeat(indent) + s);
    return this;
  }
  block(text, indent = 0) {
    for (const l of text.split('\n')) this.line(l, indent);
    return this;
  }
  /** Lines of text (an entry may hold several, e.g. a multi-line literal). */
  get lineCount() {
    return this.lines.reduce((n, l) => n + 1 + (l.match(/\n/g)?.length ?? 0), 0);
  }
  get size() {
    return this.lines.reduce((s, l) => s + l.length + 1, 0);
  }
  toString() {
    return `${this.lines.join('\n')}\n`;
  }
}

/** A Python literal for a JS value (dicts, lists, strings, numbers, booleans, raw code via {py}). */
function py(v, indent = 0, inline = false) {
  const pad = '    '.repeat(indent + 1);
  const end = '    '.repeat(indent);
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return pyStr(v);
  if (v && typeof v === 'object' && 'py' in v) return v.py;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (inline || v.every((x) => typeof x !== 'object' || x === null || Object.keys(x).length <= 2)) {
      const one = `[${v.map((x) => py(x, indent, true)).join(', ')}]`;
      if (one.length + indent * 4 < 88 || inline) return one;
    }
    return `[\n${v.map((x) => `${pad}${py(x, indent + 1)},`).join('\n')}\n${end}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  // Small flat dicts stay on one line, as black leaves them.
  if (!inline && entries.every(([, x]) => typeof x !== 'object' || x === null || 'py' in x)) {
    const one = `{${entries.map(([k, x]) => `${pyStr(k)}: ${py(x, indent, true)}`).join(', ')}}`;
    if (one.length + indent * 4 < 88) return one;
  }
  if (inline) return `{${entries.map(([k, x]) => `${pyStr(k)}: ${py(x, indent, true)}`).join(', ')}}`;
  return `{\n${entries.map(([k, x]) => `${pad}${pyStr(k)}: ${py(x, indent + 1)},`).join('\n')}\n${end}}`;
}
const raw = (code) => ({ py: code });

/** Keyword arguments, one per line. */
function kwargs(args, indent) {
  return Object.entries(args)
    .map(([k, v]) => `${'    '.repeat(indent + 1)}${k}=${py(v, indent + 1)},`)
    .join('\n');
}

function call(out, target, fn, args, indent) {
  out.line(`${target ? `${target} = ` : ''}${fn}(`, indent);
  out.block(kwargs(args, indent), 0);
  out.line(')', indent);
}

// ---------------------------------------------------------------------------------------------------
// Shared pieces of DAG files

function docstring(out, rng, plan, what) {
  const owner = `${plan.team.replace('_', '-')}-data`;
  out.line('"""');
  out.line(`${title(plan.domain)}: ${what}.`);
  out.line('');
  const sentences = [
    `Owned by ${owner}; questions go to #${owner} on Slack.`,
    `Upstream data lands in the ${rng.pick(NOUNS)} zone before ${rng.int(1, 6)}am UTC.`,
    'Reruns are idempotent: each run overwrites its own partition.',
    `See the runbook at https://wiki.acme.example/data/${plan.domain}/${plan.verb ?? 'helpers'}.`,
    'Backfills must be run with max_active_runs=1 to keep the warehouse load bounded.',
    `The ${plan.domain} contract is versioned in the schema registry (subject ${plan.domain}-value).`,
  ];
  for (const s of rng.sample(sentences, rng.int(1, 4))) out.line(s);
  out.line('"""');
}

function scheduleOf(rng, finding) {
  if (finding === 'cron') return pyStr(rng.pick(BAD_CRONS));
  const k = rng.weighted({ cron: 60, preset: 20, delta: 8, none: 12 });
  if (k === 'cron') return pyStr(rng.pick(GOOD_CRONS));
  if (k === 'preset') return pyStr(rng.pick(PRESETS));
  if (k === 'delta') return `timedelta(hours=${rng.int(1, 12)})`;
  return 'None';
}

function startDate(rng) {
  const y = rng.int(2021, 2025);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return rng.chance(0.6) ? `pendulum.datetime(${y}, ${m}, ${d}, tz=${pyStr(rng.pick(ZONES))})` : `datetime(${y}, ${m}, ${d})`;
}

/**
 * A default_args dict: sometimes big (params, pools, queues), sometimes without retries (a finding
 * for every task that does not set its own).
 */
function defaultArgs(rng, plan, { noRetries }) {
  const d = { owner: `${plan.team}-oncall`, depends_on_past: rng.chance(0.2) };
  d.email = [`${plan.team.replace('_', '-')}-alerts@acme.example`];
  d.email_on_failure = rng.chance(0.7);
  d.email_on_retry = false;
  if (!noRetries) d.retries = rng.int(1, 4);
  d.retry_delay = raw(`timedelta(minutes=${rng.pick([1, 2, 5, 10, 15, 30])})`);
  if (rng.chance(0.3)) {
    d.retry_exponential_backoff = true;
    d.max_retry_delay = raw(`timedelta(hours=${rng.int(1, 3)})`);
  }
  d.execution_timeout = raw(`timedelta(minutes=${rng.pick([20, 30, 45, 60, 90, 120, 240])})`);
  if (rng.chance(0.6)) d.on_failure_callback = raw('notify_failure');
  if (rng.chance(0.35)) {
    d.pool = `${plan.team}_pool`;
    d.queue = rng.pick(['default', 'high_memory', 'spark', 'io_bound']);
    d.priority_weight = rng.int(1, 20);
    d.weight_rule = rng.pick(['downstream', 'upstream', 'absolute']);
  }
  if (rng.chance(0.2)) {
    const params = {};
    for (let k = 0, n = rng.int(8, 30); k < n; k++) {
      const key = `${rng.pick(NOUNS)}_${rng.pick(['bucket', 'prefix', 'table', 'limit', 'window_days', 'threshold', 'schema', 'format'])}_${k}`;
      params[key] = rng.chance(0.5) ? `s3://acme-${plan.domain}-${rng.pick(NOUNS)}/${plan.team}/${k}/` : rng.int(1, 5000);
    }
    d.params = params;
  }
  if (rng.chance(0.15)) d.sla = raw(`timedelta(hours=${rng.int(1, 6)})`);
  return d;
}

function imports(out, plan, wanted) {
  out.line('from __future__ import annotations');
  out.line('');
  if (wanted.has('json')) out.line('import json');
  if (wanted.has('logging')) out.line('import logging');
  out.line('from datetime import datetime, timedelta');
  out.line('');
  out.line('import pendulum');
  out.line('');
  const sdk = plan.sdk;
  if (wanted.has('DAG')) out.line(sdk ? 'from airflow.sdk import DAG' : 'from airflow import DAG');
  if (wanted.has('dag')) out.line(sdk ? 'from airflow.sdk import dag, task, task_group' : 'from airflow.decorators import dag, task, task_group');
  if (wanted.has('TaskGroup')) out.line(sdk ? 'from airflow.sdk import TaskGroup' : 'from airflow.utils.task_group import TaskGroup');
  if (wanted.has('chain')) out.line(sdk ? 'from airflow.sdk import chain' : 'from airflow.models.baseoperator import chain');
  const std = sdk ? 'airflow.providers.standard' : 'airflow';
  if (wanted.has('Bash')) out.line(`from ${std}.operators.bash import BashOperator`);
  if (wanted.has('Empty')) out.line(`from ${std}.operators.empty import EmptyOperator`);
  if (wanted.has('Python')) out.line(`from ${std}.operators.python import PythonOperator`);
  if (wanted.has('External')) out.line(`from ${std}.sensors.external_task import ExternalTaskSensor`);
  if (wanted.has('Trigger')) out.line(`from ${std}.operators.trigger_dagrun import TriggerDagRunOperator`);
  const aws = 'airflow.providers.amazon.aws';
  if (wanted.has('Emr')) {
    out.line(`from ${aws}.operators.emr import (`);
    out.line('EmrAddStepsOperator,', 1);
    out.line('EmrCreateJobFlowOperator,', 1);
    out.line('EmrTerminateJobFlowOperator,', 1);
    out.line(')');
    out.line(`from ${aws}.sensors.emr import EmrStepSensor`);
  }
  if (wanted.has('Glue')) out.line(`from ${aws}.operators.glue import GlueJobOperator`);
  if (wanted.has('Lambda')) out.line(`from ${aws}.operators.lambda_function import LambdaInvokeFunctionOperator`);
  if (wanted.has('S3')) out.line(`from ${aws}.operators.s3 import S3CopyObjectOperator, S3DeleteObjectsOperator`);
  if (wanted.has('S3Sensor')) out.line(`from ${aws}.sensors.s3 import S3KeySensor`);
  if (wanted.has('Redshift')) out.line(`from ${aws}.operators.redshift_data import RedshiftDataOperator`);
  if (wanted.has('S3ToRedshift')) out.line(`from ${aws}.transfers.s3_to_redshift import S3ToRedshiftOperator`);
  out.line('');
  if (wanted.has('callbacks')) out.line('from common.callbacks import notify_failure, notify_success');
  if (wanted.has('sql_utils')) out.line('from common.sql_utils import render_merge_sql');
  out.line('');
}

/** A realistic Python callable (bodies add bytes and structure: loops, dicts, f-strings). */
function pythonFunction(out, rng, name, indent, decorator = null) {
  if (decorator) out.line(decorator, indent);
  const arg = rng.pick(['rows', 'records', 'batch', 'payload']);
  // TaskFlow functions take the upstream result as their first argument.
  const typed = decorator !== null || rng.chance(0.5);
  out.line(`def ${name}(${typed ? `${arg}: list[dict] | None = None, **context` : '**context'}):`, indent);
  out.line(`"""${title(name)} for the run's logical date."""`, indent + 1);
  out.line(`ds = context.get("ds") or "{{ ds }}"`, indent + 1);
  if (typed) out.line(`${arg} = ${arg} or []`, indent + 1);
  else out.line(`${arg} = context.get("ti").xcom_pull(task_ids=None) or []`, indent + 1);
  for (const k of rng.sample([0, 1, 2, 3], rng.int(1, 3))) {
    if (k === 0) {
      out.line(`seen = {}`, indent + 1);
      out.line(`for row in ${arg}:`, indent + 1);
      out.line(`key = (row.get("id"), row.get("${rng.pick(NOUNS)}_at"))`, indent + 2);
      out.line('if key in seen:', indent + 2);
      out.line('continue', indent + 3);
      out.line('seen[key] = row', indent + 2);
      out.line(`${arg} = list(seen.values())`, indent + 1);
    } else if (k === 1) {
      out.line(`totals = {}`, indent + 1);
      out.line(`for row in ${arg}:`, indent + 1);
      out.line(`bucket = row.get("${rng.pick(DOMAINS)}", "unknown")`, indent + 2);
      out.line('totals[bucket] = totals.get(bucket, 0) + float(row.get("amount", 0))', indent + 2);
      out.line(`log.info("%s: %d buckets on %s", ${pyStr(name)}, len(totals), ds)`, indent + 1);
    } else if (k === 2) {
      out.line(`${arg} = [`, indent + 1);
      out.line(`{**row, "loaded_at": ds, "source": ${pyStr(rng.pick(NOUNS))}}`, indent + 2);
      out.line(`for row in ${arg}`, indent + 2);
      out.line(`if row.get("status") not in ("deleted", "test")`, indent + 2);
      out.line(']', indent + 1);
    } else {
      out.line(`if not ${arg}:`, indent + 1);
      out.line(`raise ValueError(f"no ${rng.pick(NOUNS)} rows for {ds}")`, indent + 2);
    }
  }
  out.line(`return ${arg}`, indent + 1);
  out.line('');
  return arg;
}

function awsConn(rng, plan) {
  return rng.chance(0.7) ? `aws_${plan.team}` : 'aws_default';
}

// ---------------------------------------------------------------------------------------------------
// Operators (each returns the task's variable name; task ids are unique in the file)

class Tasks {
  constructor(rng, plan) {
    this.rng = rng;
    this.plan = plan;
    this.used = new Set();
    this.vars = [];
  }
  id(base) {
    let id = base;
    for (let k = 2; this.used.has(id); k++) id = `${base}_${k}`;
    this.used.add(id);
    return id;
  }
}

function bashTask(out, t, indent, taskId) {
  const { rng, plan } = t;
  const id = t.id(taskId ?? `${word(rng)}_${rng.pick(NOUNS)}`);
  const cmd = rng.pick([
    `python -m jobs.${plan.domain}.${id} --date {{ ds }} --env prod`,
    `dbt run --select ${plan.domain}_${rng.pick(NOUNS)} --vars '{"ds": "{{ ds }}"}'`,
    `aws s3 sync s3://acme-${plan.domain}-raw/{{ ds }}/ s3://acme-${plan.domain}-staging/{{ ds }}/ --only-show-errors`,
    `spark-submit --master yarn jobs/${id}.py {{ ds }}`,
  ]);
  const args = { task_id: id, bash_command: cmd };
  if (rng.chance(0.2)) args.retries = rng.int(0, 3);
  if (rng.chance(0.15)) args.env = { DS: '{{ ds }}', TEAM: plan.team, LOG_LEVEL: 'INFO' };
  call(out, id, 'BashOperator', args, indent);
  return id;
}

function pythonTask(out, t, indent, callable) {
  const { rng } = t;
  const id = t.id(`run_${callable}`);
  const args = { task_id: id, python_callable: raw(callable) };
  if (rng.chance(0.4)) args.op_kwargs = { table: `${t.plan.domain}_${rng.pick(NOUNS)}`, window_days: rng.int(1, 30) };
  if (rng.chance(0.1)) args.retries = 0;
  call(out, id, 'PythonOperator', args, indent);
  return id;
}

function emptyTask(out, t, indent, taskId) {
  const id = t.id(taskId);
  out.line(`${id} = EmptyOperator(task_id=${pyStr(id)})`, indent);
  return id;
}

function s3SensorTask(out, t, indent) {
  const { rng, plan } = t;
  const id = t.id(`wait_for_${plan.domain}_${rng.pick(NOUNS)}`);
  const args = {
    task_id: id,
    bucket_name: `acme-${plan.domain}-landing`,
    bucket_key: `${plan.team}/${plan.domain}/dt={{ ds }}/_SUCCESS`,
    aws_conn_id: awsConn(rng, plan),
    poke_interval: rng.pick([60, 120, 300]),
  };
  // Most sensors reschedule with a timeout; a few poke with the 7-day default (a finding).
  if (rng.chance(0.85)) {
    args.mode = 'reschedule';
    args.timeout = raw(`${rng.int(1, 12)} * 60 * 60`);
  }
  call(out, id, 'S3KeySensor', args, indent);
  return id;
}

function glueTask(out, t, indent) {
  const { rng, plan } = t;
  const id = t.id(`glue_${word(rng)}_${plan.domain}`);
  const args = {
    task_id: id,
    job_name: `${plan.team}-${plan.domain}-${rng.pick(NOUNS)}`,
    script_location: `s3://acme-glue-scripts/${plan.team}/${id}.py`,
    s3_bucket: 'acme-glue-scripts',
    iam_role_name: `${plan.team}-glue-etl`,
    region_name: rng.pick(REGIONS),
    aws_conn_id: awsConn(rng, plan),
    retry_limit: rng.chance(0.85) ? 0 : rng.int(1, 3),
    wait_for_completion: true,
    script_args: { '--ds': '{{ ds }}', '--source_table': `${plan.domain}_raw`, '--target_table': `${plan.domain}_${rng.pick(NOUNS)}`, '--enable-metrics': 'true' },
    create_job_kwargs: {
      GlueVersion: rng.pick(['3.0', '4.0', '5.0']),
      WorkerType: rng.pick(['G.1X', 'G.2X', 'G.4X']),
      NumberOfWorkers: rng.int(2, 40),
      DefaultArguments: { '--job-language': 'python', '--enable-continuous-cloudwatch-log': 'true', '--TempDir': `s3://acme-glue-temp/${plan.team}/` },
    },
  };
  call(out, id, 'GlueJobOperator', args, indent);
  return id;
}

function redshiftTask(out, t, indent) {
  const { rng, plan } = t;
  const id = t.id(`redshift_${word(rng)}_${plan.domain}`);
  const table = `${plan.domain}_${rng.pick(NOUNS)}`;
  out.line(`${id} = RedshiftDataOperator(`, indent);
  out.line(`task_id=${pyStr(id)},`, indent + 1);
  out.line(`cluster_identifier=${pyStr(`acme-${rng.pick(['analytics', 'warehouse', 'finance'])}`)},`, indent + 1);
  out.line(`database="analytics",`, indent + 1);
  out.line(`db_user=${pyStr(`${plan.team}_etl`)},`, indent + 1);
  out.line(`aws_conn_id=${pyStr(awsConn(rng, plan))},`, indent + 1);
  out.line('sql="""', indent + 1);
  out.line(`BEGIN;`);
  out.line(`DELETE FROM ${plan.team}.${table} WHERE ds = '{{ ds }}';`);
  out.line(`INSERT INTO ${plan.team}.${table}`);
  out.line(`SELECT id, ${rng.sample(['amount', 'currency', 'status', 'customer_id', 'region', 'channel', 'created_at', 'updated_at'], rng.int(3, 7)).join(', ')}, '{{ ds }}' AS ds`);
  out.line(`FROM staging.${plan.domain}_${rng.pick(NOUNS)}`);
  out.line(`WHERE updated_at >= '{{ data_interval_start }}' AND updated_at < '{{ data_interval_end }}';`);
  out.line('COMMIT;');
  out.line('""",', indent + 1);
  out.line('wait_for_completion=True,', indent + 1);
  out.line(')', indent);
  return id;
}

function s3ToRedshiftTask(out, t, indent) {
  const { rng, plan } = t;
  const id = t.id(`copy_${plan.domain}_to_redshift`);
  call(out, id, 'S3ToRedshiftOperator', {
    task_id: id,
    schema: plan.team,
    table: `${plan.domain}_${rng.pick(NOUNS)}`,
    s3_bucket: `acme-${plan.domain}-staging`,
    s3_key: `${plan.team}/{{ ds }}/`,
    redshift_conn_id: 'redshift_default',
    aws_conn_id: awsConn(rng, plan),
    copy_options: ['FORMAT AS PARQUET', "TIMEFORMAT 'auto'"],
    method: rng.pick(['APPEND', 'UPSERT', 'REPLACE']),
  }, indent);
  return id;
}

function s3CopyTask(out, t, indent) {
  const { rng, plan } = t;
  const id = t.id(`archive_${plan.domain}_${rng.pick(NOUNS)}`);
  const args = {
    task_id: id,
    source_bucket_name: `acme-${plan.domain}-landing`,
    source_bucket_key: `${plan.team}/{{ ds }}/data.parquet`,
    dest_bucket_name: `acme-${plan.domain}-archive`,
    dest_bucket_key: `${plan.team}/{{ ds }}/data.parquet`,
    aws_conn_id: awsConn(rng, plan),
  };
  if (rng.chance(0.03)) args.acl_policy = 'public-read';
  call(out, id, 'S3CopyObjectOperator', args, indent);
  return id;
}

function lambdaTask(out, t, indent) {
  const { rng, plan } = t;
  const id = t.id(`invoke_${plan.domain}_${word(rng)}`);
  out.line(`${id} = LambdaInvokeFunctionOperator(`, indent);
  out.line(`task_id=${pyStr(id)},`, indent + 1);
  out.line(`function_name=${pyStr(`${plan.team}-${plan.domain}-${word(rng)}`)},`, indent + 1);
  out.line(`payload=json.dumps({"ds": "{{ ds }}", "team": ${pyStr(plan.team)}, "dry_run": False}),`, indent + 1);
  out.line(`invocation_type=${pyStr(rng.chance(0.1) ? 'Event' : 'RequestResponse')},`, indent + 1);
  out.line(`aws_conn_id=${pyStr(awsConn(rng, plan))},`, indent + 1);
  out.line(`region_name=${pyStr(rng.pick(REGIONS))},`, indent + 1);
  out.line(')', indent);
  return id;
}

/** A module-level job_flow_overrides dict (big, nested), sometimes with EMR default roles (a finding). */
function jobFlowOverrides(out, rng, plan) {
  const groups = [
    { Name: 'Primary node', Market: 'ON_DEMAND', InstanceRole: 'MASTER', InstanceType: rng.pick(INSTANCE_TYPES), InstanceCount: 1 },
    { Name: 'Core nodes', Market: rng.pick(['ON_DEMAND', 'SPOT']), InstanceRole: 'CORE', InstanceType: rng.pick(INSTANCE_TYPES), InstanceCount: rng.int(2, 20) },
  ];
  if (rng.chance(0.5)) groups.push({ Name: 'Task nodes', Market: 'SPOT', InstanceRole: 'TASK', InstanceType: rng.pick(INSTANCE_TYPES), InstanceCount: rng.int(0, 40), BidPrice: '0.45' });
  const defaults = rng.chance(0.2);
  const overrides = {
    Name: `${plan.team}-${plan.domain}-{{ ds_nodash }}`,
    ReleaseLabel: rng.pick(['emr-6.15.0', 'emr-7.1.0', 'emr-7.5.0']),
    Applications: [{ Name: 'Spark' }, { Name: 'Hadoop' }, ...(rng.chance(0.3) ? [{ Name: 'Hive' }] : [])],
    LogUri: `s3://acme-emr-logs/${plan.team}/${plan.domain}/`,
    Instances: {
      InstanceGroups: groups,
      KeepJobFlowAliveWhenNoSteps: rng.chance(0.3),
      TerminationProtected: false,
      Ec2SubnetId: `subnet-0${rng.int(100000, 999999)}abcdef`,
    },
    Configurations: [
      { Classification: 'spark-defaults', Properties: { 'spark.sql.adaptive.enabled': 'true', 'spark.dynamicAllocation.enabled': 'true', 'spark.executor.memory': `${rng.int(4, 32)}g` } },
      { Classification: 'spark-hive-site', Properties: { 'hive.metastore.client.factory.class': 'com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory' } },
    ],
    BootstrapActions: [{ Name: 'install deps', ScriptBootstrapAction: { Path: `s3://acme-emr-code/${plan.team}/bootstrap.sh`, Args: ['--python', '3.11'] } }],
    JobFlowRole: defaults ? 'EMR_EC2_DefaultRole' : `${plan.team}-emr-ec2`,
    ServiceRole: defaults ? 'EMR_DefaultRole' : `${plan.team}-emr-service`,
    SecurityConfiguration: `${plan.team}-emr-encryption`,
    AutoTerminationPolicy: { IdleTimeout: 3600 },
    VisibleToAllUsers: true,
    Tags: [{ Key: 'team', Value: plan.team }, { Key: 'domain', Value: plan.domain }, { Key: 'cost-center', Value: String(rng.int(1000, 9999)) }],
  };
  if (rng.chance(0.1)) delete overrides.SecurityConfiguration;
  out.line(`JOB_FLOW_OVERRIDES = ${py(overrides)}`);
  out.line('');
  const steps = [];
  for (let s = 0, n = rng.int(1, 4); s < n; s++) {
    const job = `${word(rng)}_${plan.domain}_${s}`;
    steps.push({
      Name: job,
      ActionOnFailure: 'CONTINUE',
      HadoopJarStep: { Jar: 'command-runner.jar', Args: ['spark-submit', '--deploy-mode', 'cluster', `s3://acme-emr-code/${plan.team}/${job}.py`, '--date', '{{ ds }}'] },
    });
  }
  out.line(`SPARK_STEPS = ${py(steps)}`);
  out.line('');
}

function emrTasks(out, t, indent) {
  const { rng } = t;
  const create = t.id('create_cluster');
  call(out, create, 'EmrCreateJobFlowOperator', { task_id: create, job_flow_overrides: raw('JOB_FLOW_OVERRIDES'), aws_conn_id: awsConn(rng, t.plan) }, indent);
  out.line('');
  const add = t.id('add_steps');
  call(out, add, 'EmrAddStepsOperator', { task_id: add, job_flow_id: raw(`${create}.output`), steps: raw('SPARK_STEPS') }, indent);
  out.line('');
  const watch = t.id('watch_steps');
  call(out, watch, 'EmrStepSensor', {
    task_id: watch,
    job_flow_id: raw(`${create}.output`),
    step_id: `{{ task_instance.xcom_pull(task_ids='${add}')[-1] }}`,
    mode: 'reschedule',
    timeout: raw(`${rng.int(2, 8)} * 60 * 60`),
  }, indent);
  out.line('');
  const terminate = t.id('terminate_cluster');
  call(out, terminate, 'EmrTerminateJobFlowOperator', { task_id: terminate, job_flow_id: raw(`${create}.output`), trigger_rule: 'all_done' }, indent);
  out.line(`${create} >> ${add} >> ${watch} >> ${terminate}`, indent);
  return [create, terminate];
}

/** An earlier DAG file of the corpus (never a factory or a helper), or null. */
function earlierDag(seed, rng, i) {
  for (let tries = 0; tries < 8 && i > 6; tries++) {
    const j = rng.int(Math.max(6, i - 400), i - 1);
    const p = planOf(seed, j);
    if (p.kind !== 'helper' && p.kind !== 'factory') return p;
  }
  return null;
}

function externalSensor(out, t, indent, target, dangling) {
  const { rng } = t;
  const id = t.id(`wait_for_${target.dagId}`.slice(0, 60));
  call(out, id, 'ExternalTaskSensor', {
    task_id: id,
    external_dag_id: dangling ? `${target.dagId}_v2` : target.dagId,
    external_task_id: target.finalTask,
    mode: 'reschedule',
    poke_interval: rng.pick([120, 300, 600]),
    timeout: raw(`${rng.int(2, 12)} * 60 * 60`),
    allowed_states: ['success'],
    failed_states: ['failed', 'skipped'],
  }, indent);
  return id;
}

function triggerTask(out, t, indent, target) {
  const id = t.id(`trigger_${target.dagId}`.slice(0, 60));
  call(out, id, 'TriggerDagRunOperator', {
    task_id: id,
    trigger_dag_id: target.dagId,
    conf: { source: t.plan.dagId, ds: '{{ ds }}' },
    wait_for_completion: false,
  }, indent);
  return id;
}

/** Edges: a mix of a straight chain, fan-out/fan-in and chain(). */
function wire(out, rng, vars, indent) {
  if (vars.length < 2) return;
  const style = rng.weighted({ chain: 50, fan: 30, call: 20 });
  if (style === 'fan' && vars.length >= 4) {
    const [first, ...rest] = vars;
    const last = rest.pop();
    out.line(`${first} >> [${rest.join(', ')}] >> ${last}`, indent);
  } else if (style === 'call') {
    out.line(`chain(${vars.join(', ')})`, indent);
  } else {
    const joined = vars.join(' >> ');
    if (joined.length < 90) out.line(joined, indent);
    else {
      out.line('(', indent);
      for (let k = 0; k < vars.length; k++) out.line(`${vars[k]}${k < vars.length - 1 ? ' >>' : ''}`, indent + 1);
      out.line(')', indent);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Files

function findingFor(rng) {
  return rng.weighted({ none: 84, noRetries: 8, cron: 2, scheduleInterval: 4, daysAgo: 1, noSchedule: 1 });
}

function dagArgs(rng, plan, finding, extra = {}) {
  const a = { dag_id: plan.dagId };
  if (finding === 'scheduleInterval') a.schedule_interval = raw(scheduleOf(rng, null));
  else if (finding !== 'noSchedule') a.schedule = raw(scheduleOf(rng, finding));
  a.start_date = raw(finding === 'daysAgo' ? 'days_ago(2)' : startDate(rng));
  if (rng.chance(0.85)) a.catchup = false;
  a.max_active_runs = rng.int(1, 3);
  a.default_args = raw('DEFAULT_ARGS');
  if (rng.chance(0.5)) a.dagrun_timeout = raw(`timedelta(hours=${rng.int(1, 12)})`);
  a.tags = [plan.team, plan.domain, ...rng.sample(['etl', 'aws', 'daily', 'pii', 'tier-1', 'tier-2', 'warehouse'], rng.int(0, 3))];
  if (rng.chance(0.5)) a.doc_md = raw('__doc__');
  return { ...a, ...extra };
}

function dagHeader(out, rng, plan, finding, extra) {
  const args = dagArgs(rng, plan, finding, extra);
  out.line('with DAG(');
  out.block(kwargs(args, 0));
  out.line(') as dag:');
}

/** A classic `with DAG(...)` file, optionally AWS-heavy and with TaskGroups. */
function classicFile(seed, plan, rng) {
  const out = new Out();
  const finding = findingFor(rng);
  const aws = plan.kind === 'aws';
  const groups = plan.kind === 'groups' || rng.chance(0.15);
  const awsKind = aws ? rng.weighted({ emr: 30, glue: 25, redshift: 20, lambda: 10, s3: 15 }) : null;
  const refs = [];
  if (rng.chance(0.25)) refs.push({ kind: 'sensor', target: earlierDag(seed, rng, plan.i), dangling: rng.chance(0.03) });
  if (rng.chance(0.12)) refs.push({ kind: 'trigger', target: earlierDag(seed, rng, plan.i) });
  const live = refs.filter((r) => r.target);
  const wanted = new Set(['DAG', 'Empty', 'Bash', 'Python', 'callbacks', 'chain']);
  if (groups) wanted.add('TaskGroup');
  if (finding === 'daysAgo') wanted.add('days_ago');
  if (aws) for (const w of { emr: ['Emr'], glue: ['Glue', 'S3Sensor'], redshift: ['Redshift', 'S3ToRedshift', 'S3Sensor'], lambda: ['Lambda', 'json'], s3: ['S3', 'S3Sensor'] }[awsKind]) wanted.add(w);
  wanted.add('logging');
  if (live.some((r) => r.kind === 'sensor')) wanted.add('External');
  if (live.some((r) => r.kind === 'trigger')) wanted.add('Trigger');

  docstring(out, rng, plan, aws ? `${awsKind} pipeline for the ${plan.domain} domain` : `${plan.verb} the ${plan.domain} data`);
  imports(out, plan, wanted);
  if (wanted.has('days_ago')) {
    out.line('from airflow.utils.dates import days_ago');
    out.line('');
  }
  out.line('log = logging.getLogger(__name__)');
  out.line('');
  if (awsKind === 'emr') jobFlowOverrides(out, rng, plan);
  out.line(`DEFAULT_ARGS = ${py(defaultArgs(rng, plan, { noRetries: finding === 'noRetries' }))}`);
  out.line('');
  const callables = [];
  for (let k = 0, n = rng.int(1, 3); k < n; k++) {
    const name = `${word(rng)}_${plan.domain}_${k}`;
    callables.push(name);
    pythonFunction(out, rng, name, 0);
  }
  out.line('');
  dagHeader(out, rng, plan, finding, {});
  const t = new Tasks(rng, plan);
  const vars = [];
  vars.push(emptyTask(out, t, 1, 'start'));
  out.line('');
  for (const r of live) {
    if (r.kind === 'sensor') vars.push(externalSensor(out, t, 1, r.target, r.dangling));
    out.line('');
  }
  if (aws) {
    if (awsKind === 'emr') vars.push(...emrTasks(out, t, 1));
    if (awsKind === 'glue') {
      vars.push(s3SensorTask(out, t, 1));
      out.line('');
      for (let k = 0, n = rng.int(1, 3); k < n; k++) {
        vars.push(glueTask(out, t, 1));
        out.line('');
      }
    }
    if (awsKind === 'redshift') {
      vars.push(s3SensorTask(out, t, 1));
      out.line('');
      vars.push(s3ToRedshiftTask(out, t, 1));
      out.line('');
      vars.push(redshiftTask(out, t, 1));
    }
    if (awsKind === 'lambda') for (let k = 0, n = rng.int(1, 3); k < n; k++) vars.push(lambdaTask(out, t, 1));
    if (awsKind === 's3') {
      vars.push(s3SensorTask(out, t, 1));
      vars.push(s3CopyTask(out, t, 1));
    }
    out.line('');
  }
  if (groups) {
    for (let g = 0, n = rng.int(2, 5); g < n; g++) {
      const gid = t.id(`${rng.pick(NOUNS)}_stage`);
      out.line(`with TaskGroup(group_id=${pyStr(gid)}, tooltip=${pyStr(`${title(gid)} for ${plan.domain}`)}) as ${gid}:`, 1);
      const inner = [];
      for (let k = 0, m = rng.int(2, 5); k < m; k++) inner.push(rng.chance(0.5) ? bashTask(out, t, 2) : pythonTask(out, t, 2, rng.pick(callables)));
      wire(out, rng, inner, 2);
      out.line('');
      vars.push(gid);
    }
  } else {
    for (let k = 0, n = rng.int(2, 6); k < n; k++) {
      vars.push(rng.chance(0.55) ? bashTask(out, t, 1) : pythonTask(out, t, 1, rng.pick(callables)));
      out.line('');
    }
  }
  for (const r of live) if (r.kind === 'trigger') vars.push(triggerTask(out, t, 1, r.target));
  vars.push(emptyTask(out, t, 1, plan.finalTask));
  out.line('');
  wire(out, rng, vars, 1);
  return out;
}

/** A TaskFlow `@dag` file with `@task` functions, a `@task_group` and mapped tasks. */
function taskflowFile(seed, plan, rng) {
  const out = new Out();
  const finding = findingFor(rng);
  const wanted = new Set(['dag', 'callbacks', 'logging']);
  if (finding === 'daysAgo') wanted.add('days_ago');
  const ref = rng.chance(0.15) ? earlierDag(seed, rng, plan.i) : null;
  if (ref) wanted.add('External');
  docstring(out, rng, plan, `TaskFlow pipeline that ${plan.verb}s ${plan.domain}`);
  imports(out, plan, wanted);
  if (wanted.has('days_ago')) {
    out.line('from airflow.utils.dates import days_ago');
    out.line('');
  }
  out.line('log = logging.getLogger(__name__)');
  out.line('');
  const defaults = defaultArgs(rng, plan, { noRetries: finding === 'noRetries' });
  out.line(`DEFAULT_ARGS = ${py(defaults)}`);
  out.line('');
  out.line('');
  const args = dagArgs(rng, plan, finding);
  const fn = `${plan.verb}_${plan.domain}_pipeline`;
  const useId = rng.chance(0.6);
  if (!useId) args.dag_id = raw(pyStr(plan.dagId));
  out.line('@dag(');
  out.block(kwargs(args, 0));
  out.line(')');
  out.line(`def ${fn}():`);
  out.line(`"""${title(plan.domain)} with TaskFlow."""`, 1);
  out.line('');
  const names = [];
  const n = rng.int(2, 6);
  for (let k = 0; k < n; k++) {
    const name = `${k === 0 ? 'extract' : word(rng)}_${rng.pick(NOUNS)}_${k}`;
    const opts = [];
    if (rng.chance(0.3)) opts.push(`retries=${rng.int(1, 4)}`);
    if (rng.chance(0.2)) opts.push(`execution_timeout=timedelta(minutes=${rng.int(10, 90)})`);
    if (rng.chance(0.1)) opts.push(`pool=${pyStr(`${plan.team}_pool`)}`);
    const arg = pythonFunction(out, rng, name, 1, opts.length ? `@task(${opts.join(', ')})` : '@task');
    names.push({ name, arg });
  }
  const grouped = rng.chance(0.5);
  if (grouped) {
    out.line('@task_group(group_id="publish")', 1);
    out.line('def publish(data):', 1);
    out.line('@task', 2);
    out.line('def write_manifest(data):', 2);
    out.line(`return {"rows": len(data), "path": "s3://acme-${plan.domain}-curated/{{ ds }}/manifest.json"}`, 3);
    out.line('');
    out.line('@task', 2);
    out.line('def notify(manifest):', 2);
    out.line(`log.info("published %s", manifest)`, 3);
    out.line('');
    out.line('notify(write_manifest(data))', 2);
    out.line('');
  }
  out.line('@task', 1);
  out.line(`def ${plan.finalTask}():`, 1);
  out.line(`log.info("${plan.dagId} done")`, 2);
  out.line('');
  // Wiring: a chain of calls, a mapped task, then the final task.
  out.line(`data = ${names[0].name}()`, 1);
  for (let k = 1; k < names.length; k++) {
    const { name, arg } = names[k];
    // Airflow 2 refuses mapped tasks with an SLA, so only files without one map.
    if (rng.chance(0.15) && !('sla' in defaults)) out.line(`data = ${name}.partial(${rng.pick(['dry_run=False', 'context_key="ds"'])}).expand(${arg}=[data])`, 1);
    else out.line(`data = ${name}(data)`, 1);
  }
  const tail = grouped ? 'publish(data)' : 'data';
  if (ref) {
    out.line(`upstream = ExternalTaskSensor(task_id=${pyStr(`wait_for_${ref.dagId}`.slice(0, 60))}, external_dag_id=${pyStr(ref.dagId)}, external_task_id=${pyStr(ref.finalTask)}, mode="reschedule", timeout=3600)`, 1);
    out.line(`upstream >> ${tail} >> ${plan.finalTask}()`, 1);
  } else {
    out.line(`${tail} >> ${plan.finalTask}()`, 1);
  }
  out.line('');
  out.line('');
  out.line(`${fn}()`);
  return out;
}

/** A factory: one file making several DAGs from a literal table (dynamic but fully known ids). */
function factoryFile(plan, rng) {
  const out = new Out();
  docstring(out, rng, plan, `one DAG per ${plan.domain} source`);
  imports(out, plan, new Set(['DAG', 'Bash', 'Empty', 'callbacks']));
  const sources = [];
  for (let k = 0, n = rng.int(3, 12); k < n; k++) {
    sources.push({ name: `${rng.pick(DOMAINS)}_${k}`, schedule: rng.pick(GOOD_CRONS), bucket: `acme-${plan.team}-${k}`, tables: rng.sample(NOUNS, rng.int(1, 4)) });
  }
  out.line(`SOURCES = ${py(sources)}`);
  out.line('');
  out.line(`DEFAULT_ARGS = ${py(defaultArgs(rng, plan, { noRetries: false }))}`);
  out.line('');
  out.line('');
  out.line('def build(source):');
  out.line('with DAG(', 1);
  out.line(`dag_id=f"${plan.dagId}_{source['name']}",`, 2);
  out.line(`schedule=source["schedule"],`, 2);
  out.line(`start_date=${startDate(rng)},`, 2);
  out.line('catchup=False,', 2);
  out.line('default_args=DEFAULT_ARGS,', 2);
  out.line(`tags=[${pyStr(plan.team)}, "generated"],`, 2);
  out.line(') as dag:', 1);
  out.line('start = EmptyOperator(task_id="start")', 2);
  out.line(`done = EmptyOperator(task_id=${pyStr(plan.finalTask)})`, 2);
  out.line('for table in source["tables"]:', 2);
  out.line('load = BashOperator(', 3);
  out.line('task_id=f"load_{table}",', 4);
  out.line(`bash_command=f"python -m loaders.{source['name']} --table {table} --date {{{{ ds }}}}",`, 4);
  out.line(')', 3);
  out.line('start >> load >> done', 3);
  out.line('return dag', 1);
  out.line('');
  out.line('');
  out.line('for source in SOURCES:');
  out.line('globals()[source["name"]] = build(source)', 1);
  return out;
}

/** A helper module of the `common` package: functions and constants, no DAG. */
function helperFile(plan, rng) {
  const out = new Out();
  out.line(`"""Shared ${plan.module.split('.')[1].replace(/_\d+$/, '').replace('_', ' ')} helpers for the pipelines."""`);
  out.line('from __future__ import annotations');
  out.line('');
  out.line('import logging');
  out.line('import os');
  out.line('from typing import Any');
  out.line('');
  if (plan.i > 0 && rng.chance(0.4)) {
    out.line('from airflow.providers.amazon.aws.hooks.s3 import S3Hook');
    out.line('');
    out.line('');
    out.line('def list_keys(bucket: str, prefix: str) -> list[str]:');
    out.line('return S3Hook(aws_conn_id="aws_default").list_keys(bucket_name=bucket, prefix=prefix) or []', 1);
    out.line('');
  }
  if (plan.i === 0) {
    // common/callbacks.py: what every DAG file imports.
    out.line('log = logging.getLogger(__name__)');
    out.line('');
    out.line('');
    for (const what of ['failure', 'success']) {
      out.line(`def notify_${what}(context: dict[str, Any]) -> None:`);
      out.line(`"""Posts the task instance's ${what} to the on-call channel."""`, 1);
      out.line('ti = context.get("task_instance")', 1);
      out.line('url = os.environ.get("ONCALL_WEBHOOK_URL")', 1);
      out.line('if not url:', 1);
      out.line(`log.warning("no webhook configured; ${what} of %s not posted", ti)`, 2);
      out.line('return', 2);
      out.line(`log.info("posting ${what} of %s to %s", ti, url)`, 1);
      out.line('');
      out.line('');
    }
    return out;
  }
  out.line('log = logging.getLogger(__name__)');
  out.line('');
  out.line(`PREFIX = ${pyStr(`s3://acme-${plan.domain}-shared/${plan.team}/`)}`);
  out.line('');
  for (let k = 0, n = rng.int(3, 10); k < n; k++) {
    const name = `${rng.pick(['build', 'render', 'resolve', 'format', 'split', 'merge'])}_${rng.pick(NOUNS)}_${k}`;
    out.line('');
    out.line(`def ${name}(value: str, *, default: str | None = None) -> str:`);
    out.line(`"""${title(name)}: normalises a ${rng.pick(NOUNS)} key."""`, 1);
    out.line('if not value:', 1);
    out.line('return default or ""', 2);
    out.line('parts = [p.strip().lower() for p in value.split("/") if p.strip()]', 1);
    out.line(`return PREFIX + "/".join(parts)`, 1);
    out.line('');
  }
  if (plan.module.startsWith('common.sql_utils')) {
    out.line('');
    out.line('def render_merge_sql(schema: str, table: str, keys: list[str]) -> str:');
    out.line('on = " AND ".join(f"t.{k} = s.{k}" for k in keys)', 1);
    out.line('return f"MERGE INTO {schema}.{table} t USING staging.{table} s ON {on}"', 1);
  }
  return out;
}

/**
 * A code-generated DAG file of about `targetBytes`: a big table of sources, one TaskGroup per source
 * written out in full, and a long `>>` chain through the groups.
 */
function bigFile(plan, rng, targetBytes) {
  const out = new Out();
  out.line('"""');
  out.line(`GENERATED FILE - DO NOT EDIT. ${title(plan.domain)} replication for every ${plan.team} source table.`);
  out.line('Regenerate with `make dags` from the ingestion catalogue.');
  out.line('"""');
  imports(out, plan, new Set(['DAG', 'Bash', 'Empty', 'TaskGroup', 'callbacks', 'S3Sensor']));
  out.line(`DEFAULT_ARGS = ${py(defaultArgs(rng, plan, { noRetries: false }))}`);
  out.line('');
  // The catalogue (about a third of the file).
  out.line('TABLES = [');
  let k = 0;
  const tables = [];
  while (out.size < targetBytes / 3) {
    const name = `${rng.pick(DOMAINS)}_${rng.pick(NOUNS)}_${k++}`;
    tables.push(name);
    out.line(`${py({ name, source: `${rng.pick(['postgres', 'mysql', 'oracle'])}.${plan.team}.${name}`, keys: ['id'], partition: 'ds', columns: rng.int(5, 120), pii: rng.chance(0.1), sla_minutes: rng.int(30, 600), target: `s3://acme-${plan.domain}-lake/${name}/` }, 1, true)},`, 1);
  }
  out.line(']');
  out.line('');
  dagHeader(out, rng, plan, 'none', {});
  out.line('start = EmptyOperator(task_id="start")', 1);
  out.line(`done = EmptyOperator(task_id=${pyStr(plan.finalTask)})`, 1);
  out.line('');
  const groupVars = [];
  for (let g = 0; out.size < targetBytes * 0.97; g++) {
    const name = tables[g % tables.length];
    const gv = `tg_${g}`;
    out.line(`with TaskGroup(group_id=${pyStr(`${name}_${g}`)}) as ${gv}:`, 1);
    out.line(`wait = S3KeySensor(task_id="wait", bucket_name="acme-${plan.domain}-landing", bucket_key="${name}/dt={{ ds }}/_SUCCESS", mode="reschedule", timeout=7200)`, 2);
    out.line(`extract = BashOperator(task_id="extract", bash_command="replicate --table ${name} --date {{ ds }} --format parquet")`, 2);
    out.line(`load = BashOperator(task_id="load", bash_command="load --table ${name} --date {{ ds }}", retries=${rng.int(1, 5)})`, 2);
    out.line('wait >> extract >> load', 2);
    out.line('');
    groupVars.push(gv);
  }
  // One long chain through every group, written out in statements of 40 links (a single expression
  // thousands of operators deep is more than Python's own AST tools can walk).
  const all = ['start', ...groupVars, 'done'];
  for (let k = 0; k < all.length - 1; k += 40) {
    out.line('(', 1);
    all.slice(k, k + 41).forEach((v, j) => out.line(j === 0 ? v : `>> ${v}`, 2));
    out.line(')', 1);
  }
  return out;
}

/**
 * One hand-written-looking DAG file of about `lines` lines, the kind a person edits (the language
 * server benchmark's document): an EMR overrides dict, default_args, helper functions, and a DAG of
 * TaskGroups mixing Bash, Python, Glue, Redshift, Lambda and S3 tasks, chained together.
 */
export function editorFile(seed = DEFAULT_SEED, lines = 2000) {
  const plan = { i: 0, kind: 'aws', team: 'data_eng', domain: 'orders', verb: 'load', dagId: 'data_eng_orders_platform', finalTask: 'orders_done', sdk: false };
  const rng = rngFor(seed, 'editor', lines);
  const out = new Out();
  docstring(out, rng, plan, 'the orders platform: landing, curation, warehouse and exports');
  imports(out, plan, new Set(['DAG', 'Empty', 'Bash', 'Python', 'TaskGroup', 'chain', 'callbacks', 'json', 'logging', 'Emr', 'Glue', 'Lambda', 'S3', 'S3Sensor', 'Redshift']));
  out.line('log = logging.getLogger(__name__)');
  out.line('');
  jobFlowOverrides(out, rng, plan);
  out.line(`DEFAULT_ARGS = ${py(defaultArgs(rng, plan, { noRetries: false }))}`);
  out.line('');
  const callables = [];
  for (let k = 0; k < 12; k++) {
    const name = `${word(rng)}_${plan.domain}_${k}`;
    callables.push(name);
    pythonFunction(out, rng, name, 0);
  }
  out.line('');
  dagHeader(out, rng, plan, 'none', {});
  const t = new Tasks(rng, plan);
  const groups = [emptyTask(out, t, 1, 'start')];
  out.line('');
  groups.push(...emrTasks(out, t, 1));
  out.line('');
  const makers = [
    (ind) => bashTask(out, t, ind),
    (ind) => pythonTask(out, t, ind, rng.pick(callables)),
    (ind) => glueTask(out, t, ind),
    (ind) => redshiftTask(out, t, ind),
    (ind) => lambdaTask(out, t, ind),
    (ind) => s3SensorTask(out, t, ind),
    (ind) => s3CopyTask(out, t, ind),
  ];
  while (out.lineCount < lines - 12) {
    const gid = t.id(`${rng.pick(NOUNS)}_stage`);
    out.line(`with TaskGroup(group_id=${pyStr(gid)}) as ${gid}:`, 1);
    const inner = [];
    for (let k = 0, m = rng.int(2, 5); k < m; k++) inner.push(rng.pick(makers)(2));
    wire(out, rng, inner, 2);
    out.line('');
    groups.push(gid);
  }
  groups.push(emptyTask(out, t, 1, plan.finalTask));
  out.line('');
  out.line(`chain(${groups.join(', ')})`, 1);
  return out.toString();
}

export function generateFile(seed, i, big) {
  const plan = planOf(seed, i);
  const rng = rngFor(seed, 'body', i);
  if (big) {
    const p = { ...plan, kind: 'classic', dagId: plan.dagId ?? `${plan.team}_${plan.domain}_replication_${i}`, finalTask: plan.finalTask ?? 'replication_done', verb: plan.verb ?? 'sync', path: `dags/${plan.team}/generated/${plan.team}_${plan.domain}_replication_${i}.py` };
    return { path: p.path, text: bigFile(p, rng, big).toString() };
  }
  let out;
  if (plan.kind === 'helper') out = helperFile(plan, rng);
  else if (plan.kind === 'factory') out = factoryFile(plan, rng);
  else if (plan.kind === 'taskflow') out = taskflowFile(seed, plan, rng);
  else out = classicFile(seed, plan, rng);
  return { path: plan.path, text: out.toString() };
}

/** Where the very large files sit and how big each is: none below 1,000 files, then one per 2,000. */
function bigFiles(seed, size) {
  const count = size < 1000 ? 0 : Math.max(1, Math.floor(size / 2000));
  const rng = rngFor(seed, 'big', size);
  const out = new Map();
  for (let k = 0; k < count; k++) out.set(Math.floor(((k + 0.5) * size) / count), rng.int(1_000_000, 2_000_000));
  return out;
}

/** Writes the corpus into `dir` (which must not exist); returns its stats. */
export function writeCorpus(dir, size, seed = DEFAULT_SEED) {
  const big = bigFiles(seed, size);
  let bytes = 0;
  const made = new Set();
  mkdirSync(dir, { recursive: true });
  // A project root: config search stops here, and nothing above the temp folder applies.
  writeFileSync(path.join(dir, 'airlint.toml'), '# airlint benchmark corpus: default settings\n');
  mkdirSync(path.join(dir, 'dags', 'common'), { recursive: true });
  writeFileSync(path.join(dir, 'dags', 'common', '__init__.py'), '');
  for (let i = 0; i < size; i++) {
    const { path: rel, text } = generateFile(seed, i, big.get(i));
    const abs = path.join(dir, rel);
    const folder = path.dirname(abs);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(abs, text);
    bytes += Buffer.byteLength(text);
  }
  return { files: size, bytes, bigFiles: [...big.values()] };
}

/**
 * The corpus of `size` files for `seed`, generated once and then reused from
 * os.tmpdir()/airlint-bench/. Returns { dir, files, bytes, generated }.
 */
export function corpus(size, seed = DEFAULT_SEED, { root = path.join(os.tmpdir(), 'airlint-bench') } = {}) {
  const dir = path.join(root, `corpus-${GENERATOR_VERSION}-seed${seed}-n${size}`);
  const stamp = path.join(dir, '.complete.json');
  if (existsSync(stamp)) return { dir, ...JSON.parse(readFileSync(stamp, 'utf8')), generated: false };
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const stats = writeCorpus(partial, size, seed);
  writeFileSync(path.join(partial, '.complete.json'), `${JSON.stringify(stats)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, ...stats, generated: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '1000' }, seed: { type: 'string', default: String(DEFAULT_SEED) } } });
  const c = corpus(Number(values.size), Number(values.seed));
  console.log(`${c.dir}  (${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB${c.generated ? ', generated' : ', cached'})`);
}
