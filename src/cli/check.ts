// `airlint check` behind the argument parsing: read the given files, index the rest of their project
// (for the cross-file rules), analyse every file once (cache, then the worker pool), and finish the given
// files against their project's index. Findings are reported only on the given files.
import { existsSync, readFile as readFileCallback, stat as statCallback, type Stats } from 'node:fs';
import path from 'node:path';
import { isPathSelected, type ConfigLoader, type ResolvedConfig } from '../config/index.js';
import { discover, mightContainDag } from '../discover/index.js';
import { finishFile, type FileAnalysis, type FileResult, type LintSettings } from '../engine/lint.js';
import type { AnyRule } from '../engine/rule.js';
import { Linter, ProjectIndex, settingsFor, type FileFacts } from '../index.js';
import type { AnalysisCache } from './cache.js';
import { WorkerPool, workerScript } from './pool.js';

export interface CheckInput {
  abs: string;
  shown: string;
  /** The text when already read (stdin), else null. */
  text: string | null;
  /** Named on the command line (not found by walking a folder). */
  explicit: boolean;
}

export interface CheckOptions {
  cwd: string;
  loader: ConfigLoader;
  registry: readonly AnyRule[];
  /** True when `registry` is the shipped rule set (workers can only run that one). */
  shippedRules: boolean;
  jobs: number;
  /** True when --jobs / AIRLINT_JOBS set `jobs` (else it is the core count, and small runs use fewer workers). */
  jobsGiven?: boolean;
  cache: AnalysisCache;
  /** Index the rest of each file's project for the cross-file rules (`--no-project` turns it off). */
  project: boolean;
  /** Keep the given files' texts for the report's code frames (default); false lets each go once analysed. */
  keepText?: boolean;
  /** Tell the user something on stderr (unreadable file, ...). */
  warn: (message: string) => void;
  display: (abs: string) => string;
}

export interface CheckOutcome {
  results: { result: FileResult; text: string; cfg: ResolvedConfig }[];
  /** A given file could not be read. */
  unreadable: boolean;
}

/** One file of a run: a given file or another file of its project, with its configuration. */
export interface Unit {
  abs: string;
  shown: string;
  /** Its text; null for an indexed file whose analysis the cache gave without reading it. */
  text: string | null;
  cfg: ResolvedConfig;
  settings: LintSettings;
  /** The project root it belongs to, or null (no config file, no git repository). */
  root: string | null;
  /** What its analysis depends on besides the text (see AnalysisCache.meta). */
  meta?: string;
  /** Size and modification time of an indexed file as read. */
  stat?: { mtimeMs: number; size: number };
  analysis?: FileAnalysis;
}

export async function runCheck(inputs: readonly CheckInput[], opts: CheckOptions): Promise<CheckOutcome> {
  const { targets, others, unreadable } = await analyzeInputs(inputs, opts);
  const indexes = opts.project ? projectIndexes([...targets, ...others]) : new Map<string | null, ProjectIndex>();
  // Given files are always read (their findings show their source).
  const results = targets.map((u) => ({ result: finishFile(u.analysis!, opts.registry, u.settings, indexes.get(u.root) ?? null), text: u.text ?? '', cfg: u.cfg }));
  return { results, unreadable };
}

/**
 * The given files (selected by include/exclude; walked ones only when they may hold a DAG) and, with
 * `project`, every other DAG file of their projects, each analysed (`analysis` set). Targets sorted by path.
 */
export async function analyzeInputs(inputs: readonly CheckInput[], opts: CheckOptions): Promise<{ targets: Unit[]; others: Unit[]; unreadable: boolean }> {
  let unreadable = false;
  const targets: Unit[] = [];
  const roots = new RootFinder();
  const analyses = new Analyses(opts);
  await forEachLimited(inputs, 32, async (input) => {
    const cfg = await opts.loader.forFile(input.abs);
    // include/exclude apply to named files too (pre-commit names them), but never to stdin.
    if (input.text === null && !isPathSelected(cfg, input.abs)) return;
    let text = input.text;
    if (text === null) {
      try {
        text = await readText(input.abs);
      } catch (e) {
        opts.warn(`cannot read ${input.shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        unreadable = true;
        return;
      }
      if (!input.explicit && !mightContainDag(text)) return;
    }
    const unit: Unit = { abs: input.abs, shown: input.shown, text, cfg, settings: settingsFor(cfg, input.abs), root: opts.project ? roots.of(input.abs, cfg) : null };
    targets.push(unit);
    await analyses.add(unit);
  });
  targets.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));

  const others = opts.project ? await projectFiles(targets, opts, analyses) : [];
  await analyses.finish();
  return { targets, others, unreadable };
}

/** One index per project root (null: the files without one), from analysed units. */
export function projectIndexes(units: readonly Unit[]): Map<string | null, ProjectIndex> {
  const members = new Map<string | null, Unit[]>();
  for (const u of units) {
    const list = members.get(u.root) ?? [];
    list.push(u);
    members.set(u.root, list);
  }
  const indexes = new Map<string | null, ProjectIndex>();
  for (const [root, list] of members) indexes.set(root, new ProjectIndex(list.map((u) => ({ path: u.shown, facts: u.analysis!.facts }))));
  return indexes;
}

/** Every other DAG file of the targets' projects, as Airflow would find them (ignore files, include/exclude, the heuristic). */
async function projectFiles(targets: readonly Unit[], opts: CheckOptions, analyses: Analyses): Promise<Unit[]> {
  const roots = [...new Set(targets.map((t) => t.root).filter((r): r is string => r !== null))].sort();
  const given = new Set(targets.map((t) => t.abs));
  const out: Unit[] = [];
  for (const root of roots) out.push(...(await dagFilesOf(root, given, opts, analyses)));
  return out;
}

/** The DAG files of one project root except `skip`, read, with their configuration, each given to `analyses` as it is read. */
async function dagFilesOf(root: string, skip: ReadonlySet<string>, opts: Pick<CheckOptions, 'cwd' | 'loader' | 'display' | 'cache' | 'registry'>, analyses: Analyses): Promise<Unit[]> {
  const rootCfg = await opts.loader.forFile(path.join(root, '__airlint__.py'));
  const major = rootCfg.airflowVersion ? Number(rootCfg.airflowVersion.split('.')[0]) : null;
  const found = await discover([root], { cwd: opts.cwd, respectAirflowignore: rootCfg.respectAirflowignore, airflowignoreSyntax: major !== null && major >= 3 ? 'glob' : 'regexp' });
  const out: Unit[] = [];
  const roots = new RootFinder();
  const ids = opts.registry.map((r) => r.id);
  await forEachLimited(found.files, 32, async (f) => {
    if (skip.has(f.path)) return;
    const cfg = await opts.loader.forFile(f.path);
    // A folder with its own configuration file is a project of its own.
    if (!isPathSelected(cfg, f.path) || roots.of(f.path, cfg) !== root) return;
    const shown = opts.display(f.path);
    const settings = settingsFor(cfg, f.path);
    const meta = opts.cache.meta(shown, settings, ids);
    let text: string;
    let st;
    try {
      st = await statFile(f.path);
      // Unchanged since its last analysis with these settings: not even read.
      const known = opts.cache.byStat(f.path, st.mtimeMs, st.size, meta);
      if (known === null) return;
      if (known) {
        out.push({ abs: f.path, shown, text: null, cfg, settings, root, meta, analysis: known });
        return;
      }
      text = await readText(f.path);
    } catch {
      return; // not linted, only indexed: a file that vanished or cannot be read is left out
    }
    if (!mightContainDag(text)) {
      opts.cache.noteStat(f.path, st.mtimeMs, st.size, meta, null);
      return;
    }
    const unit: Unit = { abs: f.path, shown, text, cfg, settings, root, meta, stat: { mtimeMs: st.mtimeMs, size: st.size } };
    out.push(unit);
    await analyses.add(unit);
  });
  return out;
}

/**
 * The project facts of every DAG file under `root` except `skip` (the language server's index of the
 * files it was not given), analysed through the cache and the pool like `check` does.
 */
export async function indexProjectFiles(root: string, skip: ReadonlySet<string>, opts: Omit<CheckOptions, 'project' | 'warn'>): Promise<{ abs: string; path: string; facts: FileFacts }[]> {
  const analyses = new Analyses(opts);
  const units = await dagFilesOf(root, skip, opts, analyses);
  await analyses.finish();
  return units.map((u) => ({ abs: u.abs, path: u.shown, facts: u.analysis!.facts }));
}

/** Files from which analysing on worker threads pays for starting them. */
const WORKERS_FROM = 8;

/** Source queued for the workers beyond which reading waits (several seconds of work for two workers; the tests make it small). */
const READ_AHEAD_CHARS = Number(process.env.AIRLINT_TEST_READ_AHEAD_CHARS) || 16_000_000;

/**
 * Fills `analysis` on every unit it is given, as the units are read: from the cache when the same
 * content was analysed with the same settings, else fresh. Reading and analysing overlap: the worker
 * pool starts as soon as there are enough files to pay for it and grows with the source it is given.
 */
class Analyses {
  private readonly ids: string[];
  /** Files analysed fresh, with their cache keys. */
  private readonly misses: { unit: Unit; key: string }[] = [];
  /** Misses not yet given to the pool (it starts from WORKERS_FROM files; below that they are analysed here). */
  private waiting: { unit: Unit; text: string }[] = [];
  private readonly pending: Promise<void>[] = [];
  private readonly script = workerScript();
  private pool: WorkerPool | null = null;
  private chars = 0;

  constructor(private readonly opts: Pick<CheckOptions, 'registry' | 'cache' | 'jobs' | 'jobsGiven' | 'shippedRules' | 'keepText'>) {
    this.ids = opts.registry.map((r) => r.id);
  }

  /**
   * Takes a unit as it is read. Resolves when the caller may read on: while the workers have plenty
   * queued, reading waits, so a big repository is never all in memory at once.
   */
  add(unit: Unit): Promise<void> {
    if (unit.analysis) {
      this.analysed(unit);
      return Promise.resolve();
    }
    const { cache } = this.opts;
    const text = unit.text!;
    const key = cache.key(text, (unit.meta ??= cache.meta(unit.shown, unit.settings, this.ids)));
    if (unit.stat) cache.noteStat(unit.abs, unit.stat.mtimeMs, unit.stat.size, unit.meta, key);
    const hit = cache.get(key);
    if (hit) {
      unit.analysis = hit;
      this.analysed(unit);
      return Promise.resolve();
    }
    this.misses.push({ unit, key });
    this.waiting.push({ unit, text });
    this.chars += text.length;
    if (!this.pool && this.script !== null && this.opts.shippedRules && this.misses.length >= WORKERS_FROM) this.pool = new WorkerPool(this.script, 0);
    if (!this.pool) return Promise.resolve();
    for (const m of this.waiting) this.submit(m);
    this.waiting = [];
    this.pool.grow(this.workers());
    return this.pool.whenQueueBelow(READ_AHEAD_CHARS);
  }

  /** Waits for every analysis, then stores the new ones in the cache. */
  async finish(): Promise<void> {
    if (this.pool) {
      try {
        await Promise.all(this.pending);
      } finally {
        await this.pool.close();
      }
    } else if (this.waiting.length > 0) {
      const linter = await Linter.create(this.opts.registry);
      for (const m of this.waiting) {
        m.unit.analysis = linter.analyzeText(m.text, m.unit.shown, m.unit.settings);
        this.analysed(m.unit);
      }
      this.waiting = [];
    }
    for (const m of this.misses) this.opts.cache.set(m.key, m.unit.analysis!);
  }

  /** An analysed unit lets its text go unless the report shows code. */
  private analysed(unit: Unit): void {
    if (this.opts.keepText === false) unit.text = null;
  }

  /**
   * One worker per core (--jobs), but no more than one per four files, and, as a worker costs a few
   * hundred milliseconds to start (modules, the grammar), unless --jobs says how many, one per ~1.5 MB
   * of source. Even one worker keeps WebAssembly memory, which grows to the largest tree and never
   * shrinks, out of the main thread (and replaceable).
   */
  private workers(): number {
    const { jobs, jobsGiven } = this.opts;
    return Math.max(1, Math.min(jobs, Math.ceil(this.misses.length / 4), jobsGiven ? Infinity : Math.ceil(this.chars / 1_500_000)));
  }

  private submit(m: { unit: Unit; text: string }): void {
    this.pending.push(
      this.pool!.analyze(m.text, m.unit.shown, m.unit.settings).then((a) => {
        m.unit.analysis = a;
        this.analysed(m.unit);
      }),
    );
  }
}

/**
 * A file's project root: the folder of its configuration file, else its git repository's root, else none
 * (then the project is the files given on the command line).
 */
export class RootFinder {
  private readonly gitRoots = new Map<string, string | null>();

  of(abs: string, cfg: ResolvedConfig): string | null {
    if (cfg.configFile) return path.dirname(cfg.configFile);
    return this.gitRoot(path.dirname(abs));
  }

  private gitRoot(dir: string): string | null {
    const known = this.gitRoots.get(dir);
    if (known !== undefined) return known;
    const parent = path.dirname(dir);
    const root = existsSync(path.join(dir, '.git')) ? dir : parent === dir ? null : this.gitRoot(parent);
    this.gitRoots.set(dir, root);
    return root;
  }
}

/**
 * A file's text, and its size and modification time. The callback forms: fs/promises' readFile makes
 * four round trips to the thread pool per file (open, stat, read, close) and reads ten thousand small
 * files about three times slower.
 */
function readText(file: string): Promise<string> {
  return new Promise((resolve, reject) => readFileCallback(file, 'utf8', (e, text) => (e ? reject(e) : resolve(text))));
}

function statFile(file: string): Promise<Stats> {
  return new Promise((resolve, reject) => statCallback(file, (e, st) => (e ? reject(e) : resolve(st))));
}

async function forEachLimited<T>(items: readonly T[], limit: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) await f(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}
