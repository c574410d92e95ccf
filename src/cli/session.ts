// What `check` and `graph` share before they differ: the flags both read, the configuration loader,
// the files named or found (stdin included), the cache and the analysis options.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createConfigLoader, type ConfigLoader, type ResolvedConfig } from '../config/index.js';
import type { CliOverrides } from '../config/resolve.js';
import { discover } from '../discover/index.js';
import type { AnyRule } from '../engine/rule.js';
import { catalog, rules, VERSION } from '../index.js';
import { AnalysisCache } from './cache.js';
import type { CheckInput, CheckOptions } from './check.js';
import type { CliIO } from './main.js';

/** A mistake in how airlint was called: exit 2 with the message. */
export class UsageError extends Error {}

/** The flags every command that lints reads. */
export interface RunFlags {
  config?: string | undefined;
  'no-config'?: boolean | undefined;
  select?: string[] | undefined;
  'extend-select'?: string[] | undefined;
  ignore?: string[] | undefined;
  'airflow-version'?: string | undefined;
  'stdin-filename'?: string | undefined;
  'no-cache'?: boolean | undefined;
  'cache-dir'?: string | undefined;
  jobs?: string | undefined;
  'no-project'?: boolean | undefined;
  quiet?: boolean | undefined;
}

export interface Run {
  loader: ConfigLoader;
  /** The configuration of the current folder (discovery settings, the fail level). */
  rootCfg: ResolvedConfig;
  inputs: CheckInput[];
  /** A path could not be found or read (exit 2 once the run is done). */
  usageProblem: boolean;
  cache: AnalysisCache;
  options: CheckOptions;
}

/** Comma lists given once or repeated (`--select a,b --select c`). */
export function list(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** A path as shown to the user: relative to `cwd` with `/` separators (`self` names `cwd` itself). */
export function displayPath(abs: string, cwd: string, self?: string): string {
  if (!path.isAbsolute(abs)) return abs.split(path.sep).join('/');
  const rel = path.relative(cwd, abs);
  return (rel === '' ? (self ?? path.basename(abs)) : rel).split(path.sep).join('/');
}

function parseJobs(flag: string | undefined, env: string | undefined): number {
  const raw = flag ?? env;
  if (raw === undefined || raw === '') return availableParallelism();
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--jobs must be a whole number of at least 1 (got "${raw}")`);
  return Number(raw);
}

/** --cache-dir, AIRLINT_CACHE_DIR, else `.airlint_cache` in the folder of the configuration file (or the current folder). */
function cacheDir(io: CliIO, flag: string | undefined, rootCfg: ResolvedConfig): string {
  const chosen = flag ?? io.env.AIRLINT_CACHE_DIR;
  if (chosen) return path.resolve(io.cwd, chosen);
  return path.join(rootCfg.configFile ? path.dirname(rootCfg.configFile) : io.cwd, '.airlint_cache');
}

/** Validates the shared flags, loads the configuration, finds the files and opens the cache. */
export async function openRun(io: CliIO, args: readonly string[], values: RunFlags, extra: Pick<CliOverrides, 'failOn'> = {}): Promise<Run> {
  const airflowVersion = values['airflow-version'];
  if (airflowVersion !== undefined && !/^[1-3](\.\d+){0,2}$/.test(airflowVersion)) throw new UsageError(`--airflow-version must look like 2.10 or 3.0 (got "${airflowVersion}")`);
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const jobs = parseJobs(values.jobs, io.env.AIRLINT_JOBS);
  const registry: readonly AnyRule[] = io.registry ?? rules;
  const cwd = io.cwd;
  const loader = createConfigLoader({
    catalog: catalog(registry),
    cwd,
    ...(values.config ? { configFile: path.resolve(cwd, values.config) } : {}),
    ...(values['no-config'] ? { noConfig: true } : {}),
    overrides: {
      ...(values.select ? { select: list(values.select) } : {}),
      ...(values['extend-select'] ? { extendSelect: list(values['extend-select']) } : {}),
      ...(values.ignore ? { ignore: list(values.ignore) } : {}),
      ...(airflowVersion ? { airflowVersion } : {}),
      ...extra,
    },
  });

  const paths = args.length > 0 ? args : ['.'];
  const fsPaths = paths.filter((p) => p !== '-');
  const rootCfg = await loader.forFile(path.join(cwd, '__airlint__.py'));
  const inputs: CheckInput[] = [];
  let usageProblem = false;
  if (paths.includes('-')) {
    const abs = path.resolve(cwd, values['stdin-filename'] ?? 'stdin.py');
    inputs.push({ abs, shown: displayPath(abs, cwd), text: await io.readStdin(), explicit: true });
  }
  if (fsPaths.length > 0) {
    const major = rootCfg.airflowVersion ? Number(rootCfg.airflowVersion.split('.')[0]) : null;
    const found = await discover(fsPaths, { cwd, respectAirflowignore: rootCfg.respectAirflowignore, airflowignoreSyntax: major !== null && major >= 3 ? 'glob' : 'regexp' });
    for (const err of found.errors) {
      io.stderr(`airlint: ${displayPath(err.path, cwd)}: ${err.message}\n`);
      usageProblem = true;
    }
    for (const w of found.warnings) io.stderr(`airlint: warning: ${displayPath(w.path, cwd)}: ${w.message}\n`);
    // A named file Airflow would never load (.airflowignore) is skipped, and the user is told why.
    for (const x of found.excluded) if (!values.quiet) io.stderr(`airlint: skipped ${displayPath(x.path, cwd)}: ${x.reason}\n`);
    for (const f of found.files) inputs.push({ abs: f.path, shown: displayPath(f.path, cwd), text: null, explicit: f.explicit });
  }

  const cache = values['no-cache'] ? AnalysisCache.disabled() : await AnalysisCache.open(cacheDir(io, values['cache-dir'], rootCfg), VERSION, (m) => io.stderr(`airlint: warning: ${m}\n`));
  const options: CheckOptions = {
    cwd,
    loader,
    registry,
    shippedRules: registry === rules,
    jobs,
    jobsGiven: (values.jobs ?? io.env.AIRLINT_JOBS ?? '') !== '',
    cache,
    project: !values['no-project'],
    warn: (m) => io.stderr(`airlint: ${m}\n`),
    display: (abs) => displayPath(abs, cwd),
  };
  return { loader, rootCfg, inputs, usageProblem, cache, options };
}

/** Writes the cache; a cache that cannot be written is a warning, never a failure. */
export async function saveCache(io: CliIO, cache: AnalysisCache): Promise<void> {
  try {
    await cache.save();
  } catch (e) {
    io.stderr(`airlint: warning: cannot write the cache in ${cache.dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
  }
}
