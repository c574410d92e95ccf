// The task graph of one DAG: strongly connected components (cycles), roots and leaves.
import type { DagModel, EdgeModel, TaskModel } from './types.js';

export interface Cycle {
  /** Tasks of one strongly connected component with more than one task, or a task depending on itself. */
  tasks: TaskModel[];
  /** The edges inside the component. */
  edges: EdgeModel[];
}

/**
 * Tarjan's algorithm over any graph, iterative (deep graphs must not overflow the stack): the strongly
 * connected components, in the order Tarjan's algorithm completes them.
 */
export function components<N>(nodes: Iterable<N>, successors: (n: N) => readonly N[]): N[][] {
  const index = new Map<N, number>();
  const low = new Map<N, number>();
  const onStack = new Set<N>();
  const stack: N[] = [];
  const out: N[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: N; next: number; succ: readonly N[] }[] = [{ node: start, next: 0, succ: successors(start) }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.succ.length) {
        const w = frame.succ[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0, succ: successors(w) });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const comp: N[] = [];
        let w: N;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.node);
        out.push(comp);
      }
    }
  }
  return out;
}

/** The cycles of one DAG's task graph: components with more than one task, or a task depending on itself. */
export function stronglyConnected(dag: DagModel): Cycle[] {
  const succ = new Map<TaskModel, TaskModel[]>();
  for (const e of dag.edges) {
    const list = succ.get(e.from) ?? [];
    list.push(e.to);
    succ.set(e.from, list);
  }
  const comps = components(dag.tasks, (t) => succ.get(t) ?? []);
  // Edges inside each component, in one pass over the edges (not one pass per component).
  const componentOf = new Map<TaskModel, number>();
  comps.forEach((comp, i) => {
    for (const t of comp) componentOf.set(t, i);
  });
  const inside = comps.map((): EdgeModel[] => []);
  for (const e of dag.edges) {
    const c = componentOf.get(e.from);
    if (c !== undefined && c === componentOf.get(e.to)) inside[c]!.push(e);
  }
  const cycles: Cycle[] = [];
  comps.forEach((comp, i) => {
    const edges = inside[i]!;
    if (comp.length > 1 || edges.length > 0) {
      comp.sort((a, b) => a.index - b.index);
      cycles.push({ tasks: comp, edges });
    }
  });
  return cycles.sort((a, b) => a.tasks[0]!.index - b.tasks[0]!.index);
}

/** One concrete cycle through a component: the path that ends with `closing`. */
export function cyclePath<N, E extends { from: N; to: N }>(cycle: { edges: readonly E[] }, closing: E): E[] {
  // Breadth-first search from closing.to back to closing.from inside the component.
  const prev = new Map<N, E>();
  const queue: N[] = [closing.to];
  const seen = new Set<N>([closing.to]);
  while (queue.length > 0 && !seen.has(closing.from)) {
    const t = queue.shift()!;
    for (const e of cycle.edges) {
      if (e.from !== t || seen.has(e.to)) continue;
      seen.add(e.to);
      prev.set(e.to, e);
      queue.push(e.to);
    }
  }
  const path: E[] = [];
  for (let t = closing.from; t !== closing.to; ) {
    const e = prev.get(t);
    if (!e) break;
    path.unshift(e);
    t = e.from;
  }
  path.push(closing);
  return path;
}

export function roots(dag: DagModel): TaskModel[] {
  const hasUp = new Set(dag.edges.map((e) => e.to));
  return dag.tasks.filter((t) => !hasUp.has(t));
}

/**
 * Tasks with no downstream task. With `ignoreTeardowns`, as Airflow decides a run's state: teardown
 * tasks do not count, so a task followed only by teardowns is a leaf.
 */
export function leaves(dag: DagModel, options: { ignoreTeardowns?: boolean } = {}): TaskModel[] {
  const counts = (t: TaskModel): boolean => !options.ignoreTeardowns || t.role !== 'teardown';
  const hasDown = new Set(dag.edges.filter((e) => counts(e.to)).map((e) => e.from));
  return dag.tasks.filter((t) => counts(t) && !hasDown.has(t));
}
