// The task graph of one DAG: strongly connected components (cycles), roots and leaves.
import type { DagModel, EdgeModel, TaskModel } from './types.js';

export interface Cycle {
  /** Tasks of one strongly connected component with more than one task, or a task depending on itself. */
  tasks: TaskModel[];
  /** The edges inside the component. */
  edges: EdgeModel[];
}

/** Tarjan's algorithm, iterative (deep graphs must not overflow the stack). Components in a stable order. */
export function stronglyConnected(dag: DagModel): Cycle[] {
  const out = new Map<TaskModel, EdgeModel[]>();
  for (const e of dag.edges) {
    const list = out.get(e.from) ?? [];
    list.push(e);
    out.set(e.from, list);
  }
  const index = new Map<TaskModel, number>();
  const low = new Map<TaskModel, number>();
  const onStack = new Set<TaskModel>();
  const stack: TaskModel[] = [];
  const components: TaskModel[][] = [];
  let counter = 0;
  for (const start of dag.tasks) {
    if (index.has(start)) continue;
    const work: { task: TaskModel; next: number }[] = [{ task: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = out.get(frame.task) ?? [];
      if (frame.next < edges.length) {
        const w = edges[frame.next++]!.to;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ task: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.task, Math.min(low.get(frame.task)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.task, Math.min(low.get(parent.task)!, low.get(frame.task)!));
      if (low.get(frame.task) === index.get(frame.task)) {
        const comp: TaskModel[] = [];
        let w: TaskModel;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.task);
        components.push(comp);
      }
    }
  }
  // Edges inside each component, in one pass over the edges (not one pass per component).
  const componentOf = new Map<TaskModel, number>();
  components.forEach((comp, i) => {
    for (const t of comp) componentOf.set(t, i);
  });
  const inside = components.map((): EdgeModel[] => []);
  for (const e of dag.edges) {
    const c = componentOf.get(e.from);
    if (c !== undefined && c === componentOf.get(e.to)) inside[c]!.push(e);
  }
  const cycles: Cycle[] = [];
  components.forEach((comp, i) => {
    const edges = inside[i]!;
    if (comp.length > 1 || edges.length > 0) {
      comp.sort((a, b) => a.index - b.index);
      cycles.push({ tasks: comp, edges });
    }
  });
  return cycles.sort((a, b) => a.tasks[0]!.index - b.tasks[0]!.index);
}

/** One concrete cycle through a component: the path that ends with `closing`. */
export function cyclePath(cycle: Cycle, closing: EdgeModel): EdgeModel[] {
  // Breadth-first search from closing.to back to closing.from inside the component.
  const prev = new Map<TaskModel, EdgeModel>();
  const queue: TaskModel[] = [closing.to];
  const seen = new Set<TaskModel>([closing.to]);
  while (queue.length > 0 && !seen.has(closing.from)) {
    const t = queue.shift()!;
    for (const e of cycle.edges) {
      if (e.from !== t || seen.has(e.to)) continue;
      seen.add(e.to);
      prev.set(e.to, e);
      queue.push(e.to);
    }
  }
  const path: EdgeModel[] = [];
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
