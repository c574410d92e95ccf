// The project index: every DAG file's facts, put together to answer cross-file questions (which file
// defines a dag_id, which DAGs trigger, wait on or feed each other). Pure: the caller reads the files.
import type { Range } from '../engine/types.js';
import { Suggester } from '../engine/suggest.js';
import { components, cyclePath } from '../model/graph.js';
import type { DagFacts, FileFacts, ReferenceFacts } from './facts.js';

export interface ProjectFile {
  /** Path as shown to the user. */
  path: string;
  facts: FileFacts;
}

export type DagEdgeKind = 'trigger' | 'asset' | 'sensor' | 'marker';

/**
 * One DAG-to-DAG dependency. `causes` edges start runs (a trigger, an asset update); `waits` edges hold
 * a run until another DAG's run is done (an external sensor, the marker paired with it). Both point from
 * the DAG that runs first to the DAG that runs after it.
 */
export interface DagEdge {
  from: string;
  to: string;
  kind: DagEdgeKind;
  family: 'causes' | 'waits';
  /** The file and place that write the edge (the reference, or the producer's `outlets=`). */
  path: string;
  at: Range;
  asset?: string;
}

export interface DagDefinition {
  path: string;
  dag: DagFacts;
}

const EDGE_FAMILY: Record<DagEdgeKind, DagEdge['family']> = { trigger: 'causes', asset: 'causes', sensor: 'waits', marker: 'waits' };

export class ProjectIndex {
  readonly files: readonly ProjectFile[];
  private readonly byId = new Map<string, DagDefinition[]>();
  private readonly byPath = new Map<string, ProjectFile>();
  private readonly opaque: { path: string; reason: string }[];
  private idsCache: string[] | null = null;
  private readonly suggestions = new Map<string, string | null>();
  private suggester: Suggester | null = null;
  private cyclesByPath: Map<string, [DagEdge, DagEdge[]][]> | null = null;
  private edgesCache: DagEdge[] | null = null;
  private cyclesCache: Map<DagEdge, DagEdge[]> | null = null;

  /** Files in any order; the index sorts them by path so every answer is the same whatever the order. */
  constructor(files: readonly ProjectFile[]) {
    this.files = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of this.files) {
      this.byPath.set(f.path, f);
      for (const dag of f.facts.dags) {
        const list = this.byId.get(dag.id) ?? [];
        list.push({ path: f.path, dag });
        this.byId.set(dag.id, list);
      }
    }
    this.opaque = this.files.flatMap((f) => (f.facts.opaque ? [{ path: f.path, reason: f.facts.opaque }] : []));
  }

  file(path: string): ProjectFile | undefined {
    return this.byPath.get(path);
  }

  /** Every DAG with this dag_id, by path then position. */
  definitions(dagId: string): readonly DagDefinition[] {
    return this.byId.get(dagId) ?? [];
  }

  dagIds(): readonly string[] {
    return (this.idsCache ??= [...this.byId.keys()].sort());
  }

  /** The dag_id of the project closest to a misspelt one ("did you mean"), or null; remembered per id. */
  closestDagId(id: string): string | null {
    let hit = this.suggestions.get(id);
    if (hit === undefined) this.suggestions.set(id, (hit = (this.suggester ??= new Suggester(this.dagIds(), 3)).closest(id)));
    return hit;
  }

  /** Files that may define DAGs whose ids airlint cannot know (so "no DAG has this id" cannot be proven). */
  opaqueFiles(): readonly { path: string; reason: string }[] {
    return this.opaque;
  }

  /** Every DAG-to-DAG edge whose both ends are literal dag_ids (MWAA triggers target another environment: left out). */
  edges(): readonly DagEdge[] {
    if (this.edgesCache) return this.edgesCache;
    const edges: DagEdge[] = [];
    const producers = new Map<string, { dag: string; path: string; at: Range }[]>();
    for (const f of this.files) {
      for (const p of f.facts.produces) {
        const list = producers.get(p.key) ?? [];
        list.push({ dag: p.fromDag, path: f.path, at: p.at });
        producers.set(p.key, list);
      }
    }
    for (const f of this.files) {
      for (const r of f.facts.references) {
        const e = referenceEdge(r, f.path);
        if (e) edges.push(e);
      }
      for (const dag of f.facts.dags) {
        for (const c of dag.consumes) {
          for (const p of producers.get(c.key) ?? []) {
            edges.push({ from: p.dag, to: dag.id, kind: 'asset', family: 'causes', path: p.path, at: p.at, asset: c.key });
          }
        }
      }
    }
    // One edge per (from, to, kind, place): a DAG consuming the same asset twice is still one dependency.
    const seen = new Set<string>();
    this.edgesCache = edges.filter((e) => {
      const key = `${e.from}\0${e.to}\0${e.kind}\0${e.path}\0${e.at.line}:${e.at.column}\0${e.asset ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return this.edgesCache;
  }

  /**
   * Edges that lie on a loop of one family (runs causing runs forever, or DAGs waiting on each other),
   * each with one concrete loop through it. Loops mixing the families are not cycles: "trigger B, then
   * wait for B" is a common, working pattern.
   */
  cycles(): ReadonlyMap<DagEdge, DagEdge[]> {
    if (this.cyclesCache) return this.cyclesCache;
    const result = new Map<DagEdge, DagEdge[]>();
    for (const family of ['causes', 'waits'] as const) {
      const edges = this.edges().filter((e) => e.family === family);
      const succ = new Map<string, string[]>();
      for (const e of edges) {
        const list = succ.get(e.from) ?? [];
        list.push(e.to);
        succ.set(e.from, list);
        if (!succ.has(e.to)) succ.set(e.to, []);
      }
      const componentOf = new Map<string, number>();
      components([...succ.keys()].sort(), (n) => succ.get(n) ?? []).forEach((comp, i) => {
        for (const n of comp) componentOf.set(n, i);
      });
      const inside = edges.filter((e) => componentOf.get(e.from) === componentOf.get(e.to));
      const byComponent = new Map<number, DagEdge[]>();
      for (const e of inside) {
        if (e.from === e.to) continue;
        const c = componentOf.get(e.from)!;
        const list = byComponent.get(c) ?? [];
        list.push(e);
        byComponent.set(c, list);
      }
      for (const e of inside) {
        // A DAG feeding itself is a loop on its own; any other edge loops back through its component.
        result.set(e, e.from === e.to ? [e] : cyclePath<string, DagEdge>({ edges: byComponent.get(componentOf.get(e.from)!)! }, e));
      }
    }
    this.cyclesCache = result;
    return result;
  }

  /** The loop edges written in one file, each with its loop. */
  cyclesIn(path: string): readonly [DagEdge, DagEdge[]][] {
    if (!this.cyclesByPath) {
      this.cyclesByPath = new Map();
      for (const entry of this.cycles()) {
        const list = this.cyclesByPath.get(entry[0].path) ?? [];
        list.push(entry);
        this.cyclesByPath.set(entry[0].path, list);
      }
    }
    return this.cyclesByPath.get(path) ?? [];
  }

  /** The view a project rule gets for one linted file. */
  view(path: string, facts: FileFacts): ProjectView {
    return { path, facts, index: this };
  }
}

function referenceEdge(r: ReferenceFacts, path: string): DagEdge | null {
  if (r.fromDag === null || r.targetDag === null || r.kind === 'mwaa-trigger') return null;
  const kind: DagEdgeKind = r.kind;
  const [from, to] = kind === 'sensor' ? [r.targetDag, r.fromDag] : [r.fromDag, r.targetDag];
  return { from, to, kind, family: EDGE_FAMILY[kind], path, at: r.dagAt };
}

/** What a project rule sees for the file it reports on: that file's facts and the whole index. */
export interface ProjectView {
  path: string;
  facts: FileFacts;
  index: ProjectIndex;
}

export { fileFacts, EMPTY_FACTS } from './facts.js';
export type { DagFacts, FileFacts, ReferenceFacts, ReferenceKind, ProduceFacts } from './facts.js';
