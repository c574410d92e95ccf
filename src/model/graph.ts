// The task graph of one DAG: strongly connected components (cycles), roots and leaves.
import type { DagModel, EdgeModel, GroupModel, TaskModel, Value } from './types.js';

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

/** One task of a task graph (`taskGraph`): plain data, the same whatever the output format. */
export interface TaskGraphTask {
  /** The task_id (TaskGroup prefixes applied), or `<task at line N>` when it cannot be known. */
  id: string;
  /** False when `id` is a placeholder for a task_id airlint cannot know. */
  known: boolean;
  /** Qualified operator class, or `taskflow`. */
  operator: string;
  /** What a picture shows: the class's short name, or the decorator (`@task`, `@task.bash`). */
  label: string;
  kind: TaskModel['kind'];
  role: TaskModel['role'];
  /** Index in `groups` of the innermost TaskGroup holding the task, or null. */
  group: number | null;
  mapped: boolean;
  /** Created in a loop airlint cannot unroll: it may exist zero or many times. */
  repeated: boolean;
  line: number;
  column: number;
  /** On a dependency cycle. */
  cycle: boolean;
}

export interface TaskGraphGroup {
  /** The group_id (parent prefixes applied), or `<group at line N>`. */
  id: string;
  known: boolean;
  /** Index in `groups` of the enclosing group, or null. */
  parent: number | null;
  line: number;
  column: number;
}

export interface TaskGraphEdge {
  /** Indexes in `tasks`. */
  from: number;
  to: number;
  /** Every way the model saw this dependency written, in the order it saw them. */
  via: EdgeModel['via'][];
  /** Where it is first written. */
  line: number;
  column: number;
  /** Both ends are on the same dependency cycle. */
  cycle: boolean;
}

/** The task graph of one DAG as plain data: what `airlint graph --dag` renders. */
export interface TaskGraph {
  dagId: string | null;
  /** The dag_id argument, else the DAG call or `@dag` decorator (as the project index places DAGs). */
  line: number;
  column: number;
  /** Built in a loop airlint cannot unroll (not one DAG but any number of them). */
  repeated: boolean;
  /** Tasks in creation order. */
  tasks: TaskGraphTask[];
  /** Groups in creation order, each after its parent. */
  groups: TaskGraphGroup[];
  /** One edge per (upstream, downstream) pair, by where it is first written. */
  edges: TaskGraphEdge[];
  /** Why the graph may miss tasks or edges (empty when complete). */
  incomplete: string[];
}

function knownStr(v: Value): string | null {
  return v.k === 'known' && v.py.t === 'str' ? v.py.v : null;
}

/** The task graph of one DAG: tasks, nested TaskGroups, de-duplicated edges and the cycles through them. */
export function taskGraph(dag: DagModel): TaskGraph {
  // Groups: the DAG's own, plus any enclosing group reached from a task (parents before children).
  const groupIndex = new Map<GroupModel, number>();
  const groupOrder: GroupModel[] = [];
  const addGroup = (g: GroupModel): void => {
    if (groupIndex.has(g)) return;
    if (g.parent) addGroup(g.parent);
    groupIndex.set(g, groupOrder.length);
    groupOrder.push(g);
  };
  const ordered = [...dag.groups, ...dag.tasks.flatMap((t) => (t.group ? [t.group] : []))].sort((a, b) => a.seq - b.seq);
  for (const g of ordered) addGroup(g);

  const inCycle = new Set<TaskModel>();
  const cycleEdges = new Set<EdgeModel>();
  for (const c of stronglyConnected(dag)) {
    for (const t of c.tasks) inCycle.add(t);
    for (const e of c.edges) cycleEdges.add(e);
  }

  const taskIndex = new Map<TaskModel, number>();
  const tasks: TaskGraphTask[] = dag.tasks.map((t, i) => {
    taskIndex.set(t, i);
    const id = knownStr(t.taskId);
    const short = t.operator.slice(t.operator.lastIndexOf('.') + 1);
    return {
      id: id ?? `<task at line ${t.loc.line}>`,
      known: id !== null,
      operator: t.operator,
      label: t.operator === 'taskflow' ? `@${t.decorator ?? 'task'}` : short,
      kind: t.kind,
      role: t.role,
      group: t.group ? (groupIndex.get(t.group) ?? null) : null,
      mapped: t.mapped,
      repeated: t.repeated,
      line: t.loc.line,
      column: t.loc.column,
      cycle: inCycle.has(t),
    };
  });

  const groups: TaskGraphGroup[] = groupOrder.map((g) => {
    const id = knownStr(g.groupId);
    return { id: id ?? `<group at line ${g.loc.line}>`, known: id !== null, parent: g.parent ? groupIndex.get(g.parent)! : null, line: g.loc.line, column: g.loc.column };
  });

  const byPair = new Map<string, TaskGraphEdge>();
  const edgeList = [...dag.edges].sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  for (const e of edgeList) {
    const from = taskIndex.get(e.from);
    const to = taskIndex.get(e.to);
    if (from === undefined || to === undefined) continue;
    const key = `${from}>${to}`;
    const seen = byPair.get(key);
    if (seen) {
      if (!seen.via.includes(e.via)) seen.via.push(e.via);
      seen.cycle ||= cycleEdges.has(e);
      continue;
    }
    byPair.set(key, { from, to, via: [e.via], line: e.loc.line, column: e.loc.column, cycle: cycleEdges.has(e) });
  }
  const edges = [...byPair.values()].sort((a, b) => a.line - b.line || a.column - b.column || a.from - b.from || a.to - b.to);

  const at = dag.idLoc ?? dag.loc;
  return { dagId: knownStr(dag.dagId), line: at.line, column: at.column, repeated: dag.repeated, tasks, groups, edges, incomplete: [...new Set(dag.incomplete)] };
}
