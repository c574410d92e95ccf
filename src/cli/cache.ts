// The analysis cache: a file's analysis (model, file-rule findings, project facts) keyed by everything
// it depends on: the file's content and shown path, its lint settings, the rule set and the airlint and
// V8 versions. Project rules and suppressions are not cached (they depend on other files and are cheap).
//
// One pack file per cache folder (`.airlint_cache/` in the project root, as ruff and pytest do; or
// --cache-dir / AIRLINT_CACHE_DIR), written atomically (a temporary file renamed over it) with a
// checksum, so a crashed or concurrent run never leaves a half-written cache, and a corrupt pack is
// reported and ignored, never trusted.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileAnalysis, LintSettings } from '../engine/lint.js';

const FORMAT = 2;
const PACK = 'analyses.v8';
/** Entries kept from earlier runs for files this run did not look at (other projects, --no-project runs). */
const MAX_ENTRIES = 50_000;

interface Pack {
  format: number;
  airlint: string;
  v8: string;
  entries: [string, FileAnalysis][];
  /** Files indexed but not linted, by absolute path: what their last analysis was keyed by. */
  stats: [string, StatRecord][];
}

/**
 * A project file that was only indexed (not named on the command line) is not even read again while its
 * modification time and size are unchanged and it is analysed with the same settings (as ruff does for
 * every file). `key` is null for a file that is not a DAG file (it does not mention airflow and dag).
 */
interface StatRecord {
  mtimeMs: number;
  size: number;
  meta: string;
  key: string | null;
}

export class AnalysisCache {
  private readonly previous = new Map<string, FileAnalysis>();
  private readonly used = new Map<string, FileAnalysis>();
  private readonly previousStats = new Map<string, StatRecord>();
  private readonly usedStats = new Map<string, StatRecord>();
  /** Something to write: a new analysis or file record, or no usable pack was read. */
  private dirty = true;
  private constructor(
    /** The folder, or null when caching is off. */
    readonly dir: string | null,
    private readonly version: string,
  ) {}

  static disabled(): AnalysisCache {
    return new AnalysisCache(null, '');
  }

  /** Opens the cache in `dir`; a pack that cannot be read is reported through `warn` and ignored. */
  static async open(dir: string, version: string, warn: (message: string) => void): Promise<AnalysisCache> {
    const cache = new AnalysisCache(dir, version);
    const file = path.join(dir, PACK);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read the cache ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; linting without it`);
      return cache;
    }
    const problem = cache.load(bytes);
    if (problem) warn(`ignoring the cache ${file}: ${problem}; it will be rebuilt`);
    return cache;
  }

  private load(bytes: Buffer): string | null {
    if (bytes.length < 32) return 'the file is truncated';
    const sum = bytes.subarray(0, 32);
    const body = bytes.subarray(32);
    if (!createHash('sha256').update(body).digest().equals(sum)) return 'its checksum does not match (a damaged or partly written file)';
    let pack: Pack;
    try {
      pack = deserialize(body) as Pack;
    } catch (e) {
      return `it cannot be decoded (${e instanceof Error ? e.message : String(e)})`;
    }
    if (!pack || typeof pack.format !== 'number' || !Array.isArray(pack.entries)) return 'it has an unknown format';
    // Another airlint, Node version or pack format wrote it: not an error, just nothing to reuse.
    if (pack.format !== FORMAT || pack.airlint !== this.version || pack.v8 !== process.versions.v8) return null;
    this.dirty = false;
    for (const entry of pack.entries) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && isAnalysis(entry[1])) this.previous.set(entry[0], entry[1]);
    }
    for (const entry of Array.isArray(pack.stats) ? pack.stats : []) {
      const r = Array.isArray(entry) ? (entry[1] as StatRecord | undefined) : undefined;
      if (typeof entry[0] === 'string' && r && typeof r.mtimeMs === 'number' && typeof r.size === 'number' && typeof r.meta === 'string' && (r.key === null || typeof r.key === 'string')) this.previousStats.set(entry[0], r);
    }
    return null;
  }

  get enabled(): boolean {
    return this.dir !== null;
  }

  /** What a file's analysis depends on besides its text. `rules` lists the registry's ids (a custom rule set gets its own entries). */
  meta(shown: string, settings: LintSettings, rules: readonly string[]): string {
    return createHash('sha256').update(`${this.version}\0${shown}\0${rules.join(',')}\0${settingsKey(settings)}`).digest('hex');
  }

  /** The key of one file's analysis: its `meta` and its text. */
  key(text: string, meta: string): string {
    return createHash('sha256').update(meta).update('\0').update(text).digest('hex');
  }

  /**
   * For a file that is only indexed: its analysis when its modification time and size are those of its
   * last analysis with the same `meta` (`null`: it was not a DAG file then), else undefined (read it).
   */
  byStat(abs: string, mtimeMs: number, size: number, meta: string): FileAnalysis | null | undefined {
    if (!this.enabled) return undefined;
    const r = this.usedStats.get(abs) ?? this.previousStats.get(abs);
    if (!r || r.mtimeMs !== mtimeMs || r.size !== size || r.meta !== meta) return undefined;
    if (r.key === null) {
      this.usedStats.set(abs, r);
      return null;
    }
    const hit = this.get(r.key);
    if (hit) this.usedStats.set(abs, r);
    return hit;
  }

  /** Records what an indexed file's analysis was keyed by (null: not a DAG file). */
  noteStat(abs: string, mtimeMs: number, size: number, meta: string, key: string | null): void {
    if (!this.enabled) return;
    const before = this.previousStats.get(abs);
    if (!before || before.mtimeMs !== mtimeMs || before.size !== size || before.meta !== meta || before.key !== key) this.dirty = true;
    this.usedStats.set(abs, { mtimeMs, size, meta, key });
  }

  get(key: string): FileAnalysis | undefined {
    if (!this.enabled) return undefined;
    const hit = this.used.get(key) ?? this.previous.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }

  /** Records a fresh analysis; one that met an internal error is not kept (the next run tries again). */
  set(key: string, analysis: FileAnalysis): void {
    if (!this.enabled || analysis.internalErrors.length > 0) return;
    this.used.set(key, analysis);
    if (!this.previous.has(key)) this.dirty = true;
  }

  /**
   * Writes the pack: this run's entries, plus earlier ones for paths this run did not analyse. A run
   * that found everything in the pack leaves it as it is.
   */
  async save(): Promise<void> {
    if (!this.dir || !this.dirty) return;
    const paths = new Set<string>();
    for (const a of this.used.values()) paths.add(a.path);
    const entries: [string, FileAnalysis][] = [...this.used];
    for (const [k, a] of this.previous) {
      if (entries.length >= MAX_ENTRIES) break;
      if (!this.used.has(k) && !paths.has(a.path)) entries.push([k, a]);
    }
    const stats: [string, StatRecord][] = [...this.usedStats];
    for (const [abs, r] of this.previousStats) if (!this.usedStats.has(abs) && stats.length < MAX_ENTRIES) stats.push([abs, r]);
    const pack: Pack = { format: FORMAT, airlint: this.version, v8: process.versions.v8, entries, stats };
    const body = serialize(pack);
    await mkdir(this.dir, { recursive: true });
    await ensureMarkers(this.dir);
    const file = path.join(this.dir, PACK);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, Buffer.concat([createHash('sha256').update(body).digest(), body]));
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
}

/** The settings that change a file's analysis, in a stable text form. */
function settingsKey(settings: LintSettings): string {
  let key = settingsKeys.get(settings);
  if (key === undefined) {
    const rules = [...settings.rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const json = JSON.stringify([rules, settings.airflowVersion, settings.connections ?? null]);
    settingsKeys.set(settings, (key = createHash('sha256').update(json).digest('hex')));
  }
  return key;
}

/** Settings objects are shared by the files of a configuration (settingsFor) and never mutated. */
const settingsKeys = new WeakMap<LintSettings, string>();

function isAnalysis(x: unknown): x is FileAnalysis {
  const a = x as FileAnalysis;
  return (
    typeof a === 'object' && a !== null && typeof a.path === 'string' && Array.isArray(a.diagnostics) && Array.isArray(a.directives) &&
    Array.isArray(a.invalidDirectives) && (a.ran === 'all' || a.ran === 'broken' || a.ran === 'none') && Array.isArray(a.internalErrors) && typeof a.facts === 'object' && a.facts !== null &&
    Array.isArray(a.facts.dags) && Array.isArray(a.facts.references) && Array.isArray(a.facts.produces)
  );
}

/** A cache folder keeps itself out of git (ruff's convention) and out of backups (CACHEDIR.TAG). */
async function ensureMarkers(dir: string): Promise<void> {
  const write = async (name: string, text: string): Promise<void> => {
    try {
      await writeFile(path.join(dir, name), text, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  };
  await write('.gitignore', '# Automatically created by airlint.\n*\n');
  await write('CACHEDIR.TAG', 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by airlint.\n# For information about cache directory tags, see https://bford.info/cachedir/\n');
}
