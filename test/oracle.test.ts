// The differential test against real Airflow. fixtures/oracle/*.json are what Airflow 2 and 3 loaded
// from each fixture DAG file (written by oracle/run.py, checked current by CI). For every file and
// every Airflow major it targets:
//   - airlint's model agrees with Airflow on dag ids, task ids, edges and effective arguments wherever
//     airlint says it knows them (an unknown is allowed; a wrong known is a failure);
//   - airlint's error-predicting rules report exactly the files where Airflow raised that error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asRetryCount, buildFileModel, effectiveArg, strOf, taskLabel, type DagModel, type EffectiveArg, type TaskModel } from '../src/model/index.js';
import { PythonParser } from '../src/parse/parser.js';
import { grammarPath } from '../src/grammar.js';
import { linter, onlyRules } from './support/linter.js';

const repo = path.join(import.meta.dirname, '..');
const goldenDir = path.join(repo, 'fixtures', 'oracle');
const SOURCE_DIRS = ['fixtures/oracle-dags', 'fixtures/model'];

interface GoldenTask {
  retries: number;
  trigger_rule: string;
  execution_timeout: number | null;
  retry_delay: number | null;
  on_failure_callback: boolean;
  email: string | string[] | null;
  email_on_failure: boolean;
}
interface Golden {
  file: string;
  source?: string;
  targets?: number[];
  import_errors: { type: string; message: string; stage: string; dag_id?: string }[];
  dags: { dag_id: string; task_ids: string[]; edges: [string, string][]; tasks: Record<string, GoldenTask>; duplicate_in_file?: boolean }[];
}

/** The import errors each error-predicting rule predicts (its error-severity findings). */
const PREDICTS: Record<string, (type: string, message: string) => boolean> = {
  'dag-cycle': (t) => t === 'AirflowDagCycleException',
  'duplicate-task-id': (t) => t === 'DuplicateTaskIdFound',
  'invalid-schedule': (t, m) => t === 'AirflowTimetableInvalid' || /is not a valid schedule/.test(m),
  'continuous-max-active-runs': (_t, m) => /requires max_active_runs/.test(m),
  'invalid-id': (_t, m) => /^The key /.test(m),
  'invalid-trigger-rule': (_t, m) => /trigger_rule must be one of/.test(m),
  'deprecated-schedule-argument': (t, m) => t === 'TypeError' && /unexpected keyword argument '(schedule_interval|timetable)'/.test(m),
  'wrong-conn-id-argument': (_t, m) => /Invalid arguments were passed to SQL/.test(m),
};

/** Airflow 2 stores the deprecated trigger rules under their new names. */
const AIRFLOW2_TRIGGER_RULE_ALIASES: Record<string, string> = { dummy: 'always', none_failed_or_skipped: 'none_failed_min_one_success' };

const goldens = existsSync(goldenDir) ? readdirSync(goldenDir).filter((f) => /\.airflow-[23]\.json$/.test(f)).sort() : [];

function sourceOf(g: Golden): string | null {
  if (g.source && existsSync(path.join(repo, g.source))) return path.join(repo, g.source);
  for (const dir of SOURCE_DIRS) {
    const p = path.join(repo, dir, path.basename(g.file));
    if (existsSync(p)) return p;
  }
  return null;
}

function targetsOf(g: Golden, text: string): number[] {
  if (g.targets) return g.targets;
  const m = /^#\s*Targets:\s*airflow\s*(2|3)\b/im.exec(text);
  return m ? [Number(m[1])] : [2, 3];
}

/** The value Airflow would hold for an argument, from airlint's effective argument; undefined = unknown. */
function expected(name: keyof GoldenTask, eff: EffectiveArg): unknown {
  if (eff.state === 'unknown') return undefined;
  if (eff.state === 'absent') {
    return { retries: 0, trigger_rule: 'all_success', execution_timeout: null, retry_delay: 300, on_failure_callback: false, email: null, email_on_failure: true }[name];
  }
  const py = eff.value.py;
  switch (name) {
    case 'retries': {
      const n = asRetryCount(eff.value);
      return typeof n === 'number' ? n : undefined;
    }
    case 'execution_timeout':
    case 'retry_delay':
      return py.t === 'timedelta' ? py.seconds : py.t === 'int' || py.t === 'float' ? py.v : py.t === 'none' ? null : undefined;
    case 'on_failure_callback':
      return py.t === 'none' ? false : py.t === 'list' ? (py.items.length > 0 ? true : false) : true;
    case 'trigger_rule':
    case 'email':
      return py.t === 'str' ? py.v : py.t === 'none' ? null : undefined;
    case 'email_on_failure':
      return py.t === 'bool' ? py.v : undefined;
  }
}

const stats = { files: 0, dags: 0, tasks: 0, edges: 0, argsCompared: 0, argsUnknown: 0, errorChecks: 0, unknownIds: 0 };

const parser = PythonParser.create(grammarPath());

describe('airlint agrees with real Airflow', () => {
  it('has oracle goldens to compare with', () => {
    expect(goldens.length).toBeGreaterThan(0);
  });

  it.each(goldens)('%s', async (goldenFile) => {
    const golden = JSON.parse(readFileSync(path.join(goldenDir, goldenFile), 'utf8')) as Golden;
    const major = Number(/airflow-(\d)/.exec(goldenFile)![1]);
    const source = sourceOf(golden);
    expect(source, `source of ${golden.file}`).not.toBeNull();
    const text = readFileSync(source!, 'utf8');
    if (!targetsOf(golden, text).includes(major)) return;
    stats.files++;

    // Error-predicting rules: reported exactly where Airflow raised the error.
    const l = await linter();
    for (const [rule, predicts] of Object.entries(PREDICTS)) {
      const raised = golden.import_errors.some((e) => predicts(e.type, e.message));
      const reported = l.lintText(text, golden.file, onlyRules([rule], { airflowVersion: String(major) })).diagnostics.some((d) => d.rule === rule && d.severity === 'error');
      expect(reported, `${rule} on ${golden.file} (Airflow ${major} ${raised ? 'raised' : 'raised no'} ${rule} error: ${JSON.stringify(golden.import_errors)})`).toBe(raised);
      stats.errorChecks++;
    }

    // The model: whatever it knows must be what Airflow built.
    if (golden.import_errors.some((e) => e.stage !== 'dag')) return; // the module itself failed: Airflow built nothing to compare
    const parsed = (await parser).parse(text);
    const model = buildFileModel(parsed, { airflowMajor: major });
    parsed.dispose();
    const ours = new Map<string, DagModel[]>();
    for (const d of model.dags) {
      const id = strOf(d.dagId);
      if (id === undefined) stats.unknownIds++;
      else ours.set(id, [...(ours.get(id) ?? []), d]);
    }
    const rejected = golden.import_errors.filter((e) => e.stage === 'dag').length;
    const loaded = new Set(golden.dags.map((d) => d.dag_id));
    const extra = [...ours.keys()].filter((id) => !loaded.has(id));
    expect(extra.length, `DAGs airlint sees that Airflow did not load: ${extra.join(', ')}`).toBeLessThanOrEqual(rejected);

    for (const gd of golden.dags) {
      const candidates = ours.get(gd.dag_id);
      if (!candidates) {
        expect(stats.unknownIds > 0 || model.dags.some((d) => d.dagId.k === 'unknown'), `airlint misses DAG ${gd.dag_id}`).toBe(true);
        continue;
      }
      if (gd.duplicate_in_file) continue; // Airflow keeps an arbitrary one of the duplicates
      const dag = candidates[candidates.length - 1]!;
      stats.dags++;
      const complete = dag.incomplete.length === 0 && dag.tasks.every((t) => strOf(t.taskId) !== undefined);
      const byId = new Map<string, TaskModel>();
      for (const t of dag.tasks) {
        const id = strOf(t.taskId);
        if (id !== undefined) byId.set(id, t);
      }
      const want = [...gd.task_ids].sort();
      const got = [...byId.keys()].sort();
      if (complete) expect(got, `tasks of ${gd.dag_id}`).toEqual(want);
      else expect(want, `tasks of ${gd.dag_id} (incomplete: ${dag.incomplete.join('; ')})`).toEqual(expect.arrayContaining(got));
      const wantEdges = gd.edges.map(([a, b]) => `${a} >> ${b}`).sort();
      const gotEdges = [...new Set(dag.edges.map((e) => `${taskLabel(e.from)} >> ${taskLabel(e.to)}`).filter((e) => !e.includes('<task')))].sort();
      if (complete) expect(gotEdges, `edges of ${gd.dag_id}`).toEqual(wantEdges);
      else expect(wantEdges, `edges of ${gd.dag_id}`).toEqual(expect.arrayContaining(gotEdges));
      stats.tasks += got.length;
      stats.edges += gotEdges.length;

      for (const [taskId, gt] of Object.entries(gd.tasks)) {
        const task = byId.get(taskId);
        if (!task) continue;
        for (const name of ['retries', 'trigger_rule', 'execution_timeout', 'retry_delay', 'on_failure_callback', 'email', 'email_on_failure'] as const) {
          if (!(name in gt)) continue;
          let mine = expected(name, effectiveArg(task, name));
          if (name === 'trigger_rule' && major === 2 && typeof mine === 'string') mine = AIRFLOW2_TRIGGER_RULE_ALIASES[mine] ?? mine;
          if (mine === undefined) {
            stats.argsUnknown++;
            continue;
          }
          stats.argsCompared++;
          expect(mine, `${gd.dag_id}.${taskId}.${name}`).toEqual(gt[name]);
        }
      }
    }
  });

  afterAll(() => {
    console.info(
      `oracle agreement: ${stats.files} file/major pairs, ${stats.errorChecks} error predictions, ${stats.dags} DAGs, ${stats.tasks} tasks, ${stats.edges} edges, ` +
        `${stats.argsCompared} effective arguments agreed (${stats.argsUnknown} unknown to airlint), ${stats.unknownIds} DAG ids unknown`,
    );
  });
});
