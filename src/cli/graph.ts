// `airlint graph PATH... [--dag ID] [--format mermaid|dot|json]`: the DAG-to-DAG graph of the projects
// of the given paths (indexed exactly as `check` indexes them: the cache, the worker pool, the rest of
// each project), or with --dag the task graph of one DAG.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { closest } from '../engine/suggest.js';
import { Linter } from '../index.js';
import type { TaskGraph } from '../model/graph.js';
import { dagGraph } from '../project/graph.js';
import type { ProjectIndex } from '../project/index.js';
import { GRAPH_FORMATS, renderDagGraph, renderTaskGraph, type GraphFormat } from '../report/graph.js';
import { analyzeInputs, projectIndexes, type Unit } from './check.js';
import type { CliIO } from './main.js';
import { displayPath, openRun, saveCache, UsageError, type RunFlags } from './session.js';

/** The command-line flags `graph` reads (the CLI's parsed options). */
export interface GraphFlags extends RunFlags {
  format?: string | undefined;
  dag?: string | undefined;
  'output-file'?: string | undefined;
}

export async function commandGraph(io: CliIO, args: string[], values: GraphFlags): Promise<number> {
  const format = values.format ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown graph format "${format}"; use ${GRAPH_FORMATS.join(', ')}`);
  if (values.dag !== undefined && values.dag === '') throw new UsageError('--dag needs a dag_id');
  // The same configuration, discovery and analysis as `check`, so both share the cache.
  const run = await openRun(io, args, values);
  const cwd = io.cwd;
  const { targets, others, unreadable } = await analyzeInputs(run.inputs, run.options);
  const usageProblem = run.usageProblem || unreadable;
  await saveCache(io, run.cache);

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
  return usageProblem ? 2 : 0;
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
    throw new UsageError(unknownDagMessage(dagId, ids));
  }
  const unit = units.find((u) => u.shown === def.path)!;
  const linter = await Linter.create();
  const graphs = linter.taskGraphs(unit.text ?? (await readFile(unit.abs, 'utf8')), unit.settings.airflowVersion);
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
  const near = closest(dagId, ids);
  if (near !== null) return `${head}; did you mean "${near}"?`;
  const some = ids.slice(0, 10).map((id) => `"${id}"`).join(', ');
  return `${head}; its DAGs: ${some}${ids.length > 10 ? `, ... (${ids.length} in all)` : ''}`;
}




