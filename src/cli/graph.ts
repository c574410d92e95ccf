// `airlint graph PATH... [--dag ID] [--format mermaid|dot|json]`: the DAG-to-DAG graph of the projects
// of the given paths (indexed exactly as `check` indexes them: the cache, the worker pool, the rest of
// each project), or with --dag the task graph of one DAG.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createConfigLoader, type ResolvedConfig } from '../config/index.js';
import { discover } from '../discover/index.js';
import { editDistance } from '../engine/suggest.js';
import { catalog, Linter, rules, VERSION } from '../index.js';
import type { TaskGraph } from '../model/graph.js';
import { dagGraph } from '../project/graph.js';
import type { ProjectIndex } from '../project/index.js';
import { GRAPH_FORMATS, renderDagGraph, renderTaskGraph, type GraphFormat } from '../report/graph.js';
import { AnalysisCache } from './cache.js';
import { analyzeInputs, projectIndexes, type CheckInput, type Unit } from './check.js';
import type { CliIO } from './main.js';

const OK = 0;
const USAGE = 2;

/** The command-line flags `graph` reads (the CLI's parsed options). */
export interface GraphFlags {
  format?: string | undefined;
  dag?: string | undefined;
  'output-file'?: string | undefined;
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

class GraphUsageError extends Error {}

export async function commandGraph(io: CliIO, args: string[], values: GraphFlags): Promise<number> {
  try {
    return await graph(io, args, values);
  } catch (e) {
    if (!(e instanceof GraphUsageError)) throw e;
    io.stderr(`airlint: ${e.message}\n`);
    return USAGE;
  }
}

async function graph(io: CliIO, args: string[], values: GraphFlags): Promise<number> {
  const format = values.format ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new GraphUsageError(`unknown graph format "${format}"; use ${GRAPH_FORMATS.join(', ')}`);
  const airflowVersion = values['airflow-version'];
  if (airflowVersion !== undefined && !/^[1-3](\.\d+){0,2}$/.test(airflowVersion)) throw new GraphUsageError(`--airflow-version must look like 2.10 or 3.0 (got "${airflowVersion}")`);
  if (values.config && values['no-config']) throw new GraphUsageError('--config and --no-config cannot be used together');
  if (values.dag !== undefined && values.dag === '') throw new GraphUsageError('--dag needs a dag_id');

  // The same configuration, discovery and analysis as `check`, so both share the cache.
  const cwd = io.cwd;
  const loader = createConfigLoader({
    catalog: catalog(rules),
    cwd,
    ...(values.config ? { configFile: path.resolve(cwd, values.config) } : {}),
    ...(values['no-config'] ? { noConfig: true } : {}),
    overrides: {
      ...(values.select ? { select: list(values.select) } : {}),
      ...(values['extend-select'] ? { extendSelect: list(values['extend-select']) } : {}),
      ...(values.ignore ? { ignore: list(values.ignore) } : {}),
      ...(airflowVersion ? { airflowVersion } : {}),
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
    for (const x of found.excluded) if (!values.quiet) io.stderr(`airlint: skipped ${displayPath(x.path, cwd)}: ${x.reason}\n`);
    for (const f of found.files) inputs.push({ abs: f.path, shown: displayPath(f.path, cwd), text: null, explicit: f.explicit });
  }

  const cache = values['no-cache'] ? AnalysisCache.disabled() : await AnalysisCache.open(cacheDir(io, values['cache-dir'], rootCfg), VERSION, (m) => io.stderr(`airlint: warning: ${m}\n`));
  const { targets, others, unreadable } = await analyzeInputs(inputs, {
    cwd,
    loader,
    registry: rules,
    shippedRules: true,
    jobs: parseJobs(values.jobs, io.env.AIRLINT_JOBS),
    cache,
    project: !values['no-project'],
    warn: (m) => io.stderr(`airlint: ${m}\n`),
    display: (abs) => displayPath(abs, cwd),
  });
  if (unreadable) usageProblem = true;
  try {
    await cache.save();
  } catch (e) {
    io.stderr(`airlint: warning: cannot write the cache in ${cache.dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
  }

  const units = [...targets, ...others];
  const indexes = projectIndexes(units);
  let output: string;
  if (values.dag !== undefined) {
    const view = await findTaskGraph(values.dag, indexes, units, new Set(targets.map((t) => t.shown)));
    output = renderTaskGraph(view, format as GraphFormat);
  } else {
    const projects = [...indexes].map(([root, index]) => ({ root: root === null ? null : displayPath(root, cwd, '.'), index }));
    output = renderDagGraph(dagGraph(projects), format as GraphFormat);
  }
  if (values['output-file']) await writeFile(path.resolve(cwd, values['output-file']), output);
  else io.stdout(output);
  return usageProblem ? USAGE : OK;
}

/**
 * The task graph of the DAG `dagId`: its first definition by path and position among the given files,
 * else in the rest of their projects. A usage error naming the id and the closest ids when none.
 */
async function findTaskGraph(dagId: string, indexes: ReadonlyMap<string | null, ProjectIndex>, units: readonly Unit[], given: ReadonlySet<string>): Promise<{ path: string; graph: TaskGraph }> {
  const definitions = [...indexes.values()].flatMap((index) => index.definitions(dagId).map((d) => ({ path: d.path, at: d.dag.at })));
  definitions.sort((a, b) => Number(given.has(b.path)) - Number(given.has(a.path)) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.at.line - b.at.line || a.at.column - b.at.column);
  const def = definitions[0];
  if (!def) {
    const ids = [...new Set([...indexes.values()].flatMap((index) => index.dagIds()))].sort();
    throw new GraphUsageError(unknownDagMessage(dagId, ids));
  }
  const unit = units.find((u) => u.shown === def.path)!;
  const linter = await Linter.create();
  const graphs = linter.taskGraphs(unit.text, unit.settings.airflowVersion);
  // By id and place (a factory's DAGs share their place); by place alone when a redacted secret changed the id.
  const at = (g: TaskGraph): boolean => g.line === def.at.line && g.column === def.at.column;
  const graph = graphs.find((g) => g.dagId === dagId && at(g)) ?? graphs.find((g) => g.dagId === dagId && !g.repeated) ?? graphs.find(at);
  if (!graph) throw new Error(`the model of ${def.path} has no DAG "${dagId}" at line ${def.at.line}, yet its facts do`);
  return { path: def.path, graph };
}

/** `no DAG has dag_id "x"`, with the ids that look like it (or what ids there are). */
export function unknownDagMessage(dagId: string, ids: readonly string[]): string {
  const head = `--dag: no DAG has dag_id "${dagId}" in the project`;
  if (ids.length === 0) return `${head} (no DAG with a literal dag_id was found)`;
  const wanted = dagId.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const close = ids
    .map((id) => {
      const lower = id.toLowerCase();
      const d = editDistance(wanted, lower);
      return { id, score: lower.includes(wanted) || wanted.includes(lower) ? Math.min(d, 1.5) : d };
    })
    .filter((c) => c.score <= limit)
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .slice(0, 5)
    .map((c) => `"${c.id}"`);
  if (close.length > 0) return `${head}; did you mean ${close.join(', ')}?`;
  const some = ids.slice(0, 10).map((id) => `"${id}"`).join(', ');
  return `${head}; its DAGs: ${some}${ids.length > 10 ? `, ... (${ids.length} in all)` : ''}`;
}

function list(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

function displayPath(abs: string, cwd: string, self?: string): string {
  if (!path.isAbsolute(abs)) return abs.split(path.sep).join('/');
  const rel = path.relative(cwd, abs);
  return (rel === '' ? (self ?? path.basename(abs)) : rel).split(path.sep).join('/');
}

function parseJobs(flag: string | undefined, env: string | undefined): number {
  const raw = flag ?? env;
  if (raw === undefined || raw === '') return availableParallelism();
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new GraphUsageError(`--jobs must be a whole number of at least 1 (got "${raw}")`);
  return Number(raw);
}

function cacheDir(io: CliIO, flag: string | undefined, rootCfg: ResolvedConfig): string {
  const chosen = flag ?? io.env.AIRLINT_CACHE_DIR;
  if (chosen) return path.resolve(io.cwd, chosen);
  return path.join(rootCfg.configFile ? path.dirname(rootCfg.configFile) : io.cwd, '.airlint_cache');
}
