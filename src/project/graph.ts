// The DAG-to-DAG graph of one or more projects as plain data (what `airlint graph` renders without
// --dag): every DAG with a literal id, the index's edges (triggers, external sensors and markers, asset
// updates) with the ones on a cycle marked, and the DAGs referenced but not defined in the project
// (missing) or in another MWAA environment. Pure: the caller builds the indexes.
import type { Range } from '../engine/types.js';
import type { DagEdge, DagEdgeKind, ProjectIndex } from './index.js';

export interface Place {
  path: string;
  line: number;
  column: number;
}

export type DagNodeStatus = 'dag' | 'missing' | 'mwaa';

export interface DagGraphNode {
  /** The dag_id. */
  id: string;
  /** `dag`: defined in the project; `missing`: referenced, defined nowhere in the project; `mwaa`: a DAG of another MWAA environment. */
  status: DagNodeStatus;
  /** The project root it belongs to, as shown to the user (null: the files given, no root). */
  project: string | null;
  /** Where it is defined (its dag_id, else the DAG call), by path then position; empty unless `dag`. */
  definitions: Place[];
  /** The MWAA environment (`env_name`), or null when it cannot be known; only for `mwaa`. */
  env?: string | null;
}

export interface DagGraphEdge {
  /** Indexes in `nodes`; `from` runs first (it triggers, feeds, or is waited for by `to`). */
  from: number;
  to: number;
  kind: DagEdgeKind | 'mwaa-trigger';
  family: DagEdge['family'];
  /** The asset's key (URI or name), for `asset` edges. */
  asset?: string;
  /** Where the edge is written (the reference, or the producer's `outlets=`), by path then position. */
  places: Place[];
  /** On a loop of one family (ProjectIndex.cycles). */
  cycle: boolean;
}

export interface DagGraph {
  /** The projects shown, sorted (null: the files given on the command line, no root). */
  projects: (string | null)[];
  nodes: DagGraphNode[];
  edges: DagGraphEdge[];
}

export interface GraphProject {
  /** The project root as shown to the user, or null. */
  root: string | null;
  index: ProjectIndex;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byPlace = (a: Place, b: Place): number => byText(a.path, b.path) || a.line - b.line || a.column - b.column;
const place = (path: string, at: Range): Place => ({ path, line: at.line, column: at.column });

/**
 * An asset URI without its user info (`s3://user:secret@bucket/key` is shown `s3://bucket/key`): Airflow
 * drops it too, with a warning, and a password must never be printed.
 */
export function withoutUserInfo(uri: string): string {
  return uri.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
}

/** The DAG-to-DAG graph of the given projects (each indexed on its own, as `check` does). */
export function dagGraph(projects: readonly GraphProject[]): DagGraph {
  const sorted = [...projects].sort((a, b) => (a.root === null ? (b.root === null ? 0 : -1) : b.root === null ? 1 : byText(a.root, b.root)));
  const nodes: DagGraphNode[] = [];
  const edges: DagGraphEdge[] = [];
  for (const { root, index } of sorted) {
    // Nodes: defined DAGs by first definition; then the ids referenced but not defined; then MWAA targets.
    const defined = index.dagIds().map((id): DagGraphNode => ({ id, status: 'dag', project: root, definitions: index.definitions(id).map((d) => place(d.path, d.dag.at)).sort(byPlace) }));
    defined.sort((a, b) => byPlace(a.definitions[0]!, b.definitions[0]!) || byText(a.id, b.id));
    const known = new Set(defined.map((n) => n.id));
    const missing = new Set<string>();
    for (const e of index.edges()) {
      for (const id of [e.from, e.to]) if (!known.has(id)) missing.add(id);
    }
    const mwaa = new Map<string, { env: string | null; id: string; from: string; at: Place }[]>();
    for (const f of index.files) {
      for (const r of f.facts.references) {
        if (r.kind !== 'mwaa-trigger' || r.fromDag === null || r.targetDag === null) continue;
        const env = r.env ?? null;
        if (!known.has(r.fromDag)) missing.add(r.fromDag);
        const key = `${env ?? ''}\0${r.targetDag}`;
        const list = mwaa.get(key) ?? [];
        list.push({ env, id: r.targetDag, from: r.fromDag, at: place(f.path, r.dagAt) });
        mwaa.set(key, list);
      }
    }
    const base = nodes.length;
    nodes.push(...defined, ...[...missing].sort(byText).map((id): DagGraphNode => ({ id, status: 'missing', project: root, definitions: [] })));
    const mwaaKeys = [...mwaa.keys()].sort(byText);
    for (const key of mwaaKeys) {
      const first = mwaa.get(key)![0]!;
      nodes.push({ id: first.id, status: 'mwaa', project: root, definitions: [], env: first.env });
    }
    const nodeOf = new Map<string, number>();
    for (let i = base; i < nodes.length; i++) if (nodes[i]!.status !== 'mwaa') nodeOf.set(nodes[i]!.id, i);

    // Edges: one per (from, to, kind, asset), with every place that writes it.
    const merged = new Map<string, DagGraphEdge>();
    const add = (from: number, to: number, kind: DagGraphEdge['kind'], family: DagEdge['family'], at: Place, cycle: boolean, asset?: string): void => {
      const key = `${from}\0${to}\0${kind}\0${asset ?? ''}`;
      const seen = merged.get(key);
      if (seen) {
        seen.places.push(at);
        seen.cycle ||= cycle;
        return;
      }
      merged.set(key, { from, to, kind, family, ...(asset !== undefined ? { asset } : {}), places: [at], cycle });
    };
    const cycles = index.cycles();
    for (const e of index.edges()) add(nodeOf.get(e.from)!, nodeOf.get(e.to)!, e.kind, e.family, place(e.path, e.at), cycles.has(e), e.asset === undefined ? undefined : withoutUserInfo(e.asset));
    mwaaKeys.forEach((key, i) => {
      const target = base + defined.length + missing.size + i;
      for (const r of mwaa.get(key)!) add(nodeOf.get(r.from)!, target, 'mwaa-trigger', 'causes', r.at, false);
    });
    const list = [...merged.values()];
    for (const e of list) e.places.sort(byPlace);
    list.sort((a, b) => byPlace(a.places[0]!, b.places[0]!) || a.from - b.from || a.to - b.to || byText(a.kind, b.kind) || byText(a.asset ?? '', b.asset ?? ''));
    edges.push(...list);
  }
  return { projects: sorted.map((p) => p.root), nodes, edges };
}
