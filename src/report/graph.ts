// `airlint graph` output: the DAG-to-DAG graph of a project or the task graph of one DAG, as Mermaid
// (renders in GitHub markdown and job summaries), Graphviz DOT or JSON. Pure functions of the graph data.
//
// Every format names nodes the same way: DAGs d0, d1, ...; tasks n0, n1, ...; TaskGroups g0, g1, ...;
// projects (when several are shown) p0, p1, ... Labels carry the ids, escaped for each format, so no
// id, however written, can break the syntax.
import type { TaskGraph } from '../model/graph.js';
import type { DagGraph, DagGraphEdge, DagGraphNode, Place } from '../project/graph.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** The task graph of one DAG and the file that defines it. */
export interface TaskGraphView {
  path: string;
  graph: TaskGraph;
}

const RED = '#d62728';

export function renderDagGraph(graph: DagGraph, format: GraphFormat): string {
  return format === 'mermaid' ? dagGraphMermaid(graph) : format === 'dot' ? dagGraphDot(graph) : dagGraphJson(graph);
}

export function renderTaskGraph(view: TaskGraphView, format: GraphFormat): string {
  return format === 'mermaid' ? taskGraphMermaid(view) : format === 'dot' ? taskGraphDot(view) : taskGraphJson(view);
}

// ------------------------------------------------------------------------------------------ labels

/** What an edge of the DAG graph says, read along its arrow (from the DAG that runs first). */
export function dagEdgeLabel(e: DagGraphEdge): string {
  switch (e.kind) {
    case 'trigger':
      return 'triggers';
    case 'mwaa-trigger':
      return 'triggers (MWAA)';
    case 'sensor':
      return 'waited for (sensor)';
    case 'marker':
      return 'clears (marker)';
    case 'asset':
      return e.asset ?? 'asset';
  }
}

function where(p: Place): string {
  return `${p.path}:${p.line}`;
}

/** The lines of a DAG node's label. */
function dagNodeLines(n: DagGraphNode): [string, string] {
  if (n.status === 'missing') return [n.id, 'not in the project'];
  if (n.status === 'mwaa') return [n.id, n.env ? `MWAA environment ${n.env}` : 'another MWAA environment'];
  const more = n.definitions.length > 1 ? ` (+${n.definitions.length - 1} more)` : '';
  return [n.id, `${where(n.definitions[0]!)}${more}`];
}

/** The lines of a task node's label: its id, then its operator and what is special about it. */
function taskLines(t: TaskGraph['tasks'][number]): [string, string] {
  const notes = [t.label, ...(t.role ? [t.role] : []), ...(t.mapped ? ['mapped'] : []), ...(t.repeated ? ['in a loop'] : [])];
  return [t.id, notes.join(', ')];
}

/** Dashed: an edge to or from a DAG that is not in the project. */
function external(graph: DagGraph, e: DagGraphEdge): boolean {
  return graph.nodes[e.from]!.status !== 'dag' || graph.nodes[e.to]!.status !== 'dag';
}

/** Children of each container (null: the top level), in index order. */
function childrenOf(parents: readonly (number | null)[]): Map<number | null, number[]> {
  const out = new Map<number | null, number[]>();
  parents.forEach((p, i) => {
    const list = out.get(p) ?? [];
    list.push(i);
    out.set(p, list);
  });
  return out;
}

const oneLine = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, ' ');

// ----------------------------------------------------------------------------------------- Mermaid

/**
 * Text inside a Mermaid string: `#` first (Mermaid reads `#name;` as an entity), then the characters
 * that would end the string or be read as HTML or Markdown, and `%` (Mermaid looks for `%%{...}%%`
 * directives anywhere in the text, strings included).
 */
function mermaidEscape(s: string): string {
  return oneLine(s)
    .replace(/#/g, '#35;')
    .replace(/%/g, '#37;')
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}

/** A Mermaid string literal. */
export function mermaidText(s: string): string {
  return `"${mermaidEscape(s)}"`;
}

/** A node label of several lines, joined by Mermaid line breaks. */
function mermaidLines(lines: readonly string[]): string {
  return `"${lines.map(mermaidEscape).join('<br/>')}"`;
}

/** A comment line (Mermaid drops `%%` lines, but reads a `%%{...}%%` directive anywhere: no `%%` inside). */
function mermaidComment(s: string): string {
  return `  %% ${oneLine(s).replace(/%{2,}/g, '%')}`;
}

const MERMAID_CLASSES = [
  `classDef missing fill:#ffffff,stroke:#999999,stroke-dasharray:5 5,color:#777777`,
  `classDef mwaa fill:#f5f5f5,stroke:#777777,stroke-dasharray:2 2,color:#555555`,
  `classDef cycle stroke:${RED},stroke-width:2px`,
];

function mermaidTail(classes: Map<string, string[]>, redLinks: number[]): string[] {
  const out: string[] = [];
  const used = [...classes.entries()].filter(([, ids]) => ids.length > 0);
  for (const [name, ids] of used) {
    out.push(`  ${MERMAID_CLASSES.find((c) => c.startsWith(`classDef ${name} `))!}`);
    out.push(`  class ${ids.join(',')} ${name}`);
  }
  if (redLinks.length > 0) out.push(`  linkStyle ${redLinks.join(',')} stroke:${RED},stroke-width:2px`);
  return out;
}

export function dagGraphMermaid(graph: DagGraph): string {
  const out = ['flowchart LR', mermaidComment('airlint graph: DAG dependencies; an arrow points from the DAG that runs first')];
  if (graph.nodes.length === 0) out.push(mermaidComment('no DAG with a literal dag_id was found'));
  const classes = new Map<string, string[]>([
    ['missing', []],
    ['mwaa', []],
  ]);
  const node = (n: DagGraphNode, i: number, indent: string): void => {
    out.push(`${indent}d${i}[${mermaidLines(dagNodeLines(n))}]`);
    if (n.status !== 'dag') classes.get(n.status)!.push(`d${i}`);
  };
  if (graph.projects.length > 1) {
    graph.projects.forEach((p, pi) => {
      out.push(`  subgraph p${pi}[${mermaidText(p ?? 'files given')}]`);
      graph.nodes.forEach((n, i) => n.project === p && node(n, i, '    '));
      out.push('  end');
    });
  } else {
    graph.nodes.forEach((n, i) => node(n, i, '  '));
  }
  const red: number[] = [];
  graph.edges.forEach((e, i) => {
    out.push(`  d${e.from} ${external(graph, e) ? '-.->' : '-->'}|${mermaidText(dagEdgeLabel(e))}| d${e.to}`);
    if (e.cycle) red.push(i);
  });
  out.push(...mermaidTail(classes, red));
  return `${out.join('\n')}\n`;
}

export function taskGraphMermaid(view: TaskGraphView): string {
  const g = view.graph;
  const out = ['flowchart LR', mermaidComment(`airlint graph: tasks of DAG ${g.dagId ?? '(unknown id)'} (${view.path}:${g.line})`)];
  if (g.repeated) out.push(mermaidComment('this DAG is built in a loop airlint cannot unroll: the graph is one of its copies'));
  for (const reason of g.incomplete) out.push(mermaidComment(`incomplete: ${reason}`));
  const tasksIn = childrenOf(g.tasks.map((t) => t.group));
  const groupsIn = childrenOf(g.groups.map((gr) => gr.parent));
  const shape = (t: TaskGraph['tasks'][number], label: string): string => (t.role === 'setup' ? `[/${label}\\]` : t.role === 'teardown' ? `[\\${label}/]` : `[${label}]`);
  const emit = (container: number | null, depth: number): void => {
    const indent = '  '.repeat(depth + 1);
    for (const i of tasksIn.get(container) ?? []) out.push(`${indent}n${i}${shape(g.tasks[i]!, mermaidLines(taskLines(g.tasks[i]!)))}`);
    for (const gi of groupsIn.get(container) ?? []) {
      out.push(`${indent}subgraph g${gi}[${mermaidText(g.groups[gi]!.id)}]`);
      emit(gi, depth + 1);
      out.push(`${indent}end`);
    }
  };
  emit(null, 0);
  const red: number[] = [];
  g.edges.forEach((e, i) => {
    out.push(`  n${e.from} -->${e.via.includes('xcom') ? `|${mermaidText('xcom')}|` : ''} n${e.to}`);
    if (e.cycle) red.push(i);
  });
  out.push(...mermaidTail(new Map([['cycle', g.tasks.flatMap((t, i) => (t.cycle ? [`n${i}`] : []))]]), red));
  return `${out.join('\n')}\n`;
}

// --------------------------------------------------------------------------------------------- DOT

/** A DOT quoted string: backslashes doubled (labels read `\n`, `\N`... as escapes), quotes escaped, lines as `\n`. */
export function dotText(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n')}"`;
}

function dotLines(lines: readonly string[]): string {
  return `"${lines.map((l) => dotText(oneLine(l)).slice(1, -1)).join('\\n')}"`;
}

function dotAttrs(attrs: readonly (readonly [string, string])[]): string {
  return attrs.length === 0 ? '' : ` [${attrs.map(([k, v]) => `${k}=${v}`).join(', ')}]`;
}

const DOT_HEAD = ['  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
const DOT_RED = [['color', `"${RED}"`], ['fontcolor', `"${RED}"`], ['penwidth', '2']] as const;

export function dagGraphDot(graph: DagGraph): string {
  const out = ['// airlint graph: DAG dependencies; an arrow points from the DAG that runs first', `digraph ${dotText('dags')} {`, ...DOT_HEAD];
  const node = (n: DagGraphNode, i: number, indent: string): void => {
    const attrs: [string, string][] = [['label', dotLines(dagNodeLines(n))]];
    if (n.status === 'missing') attrs.push(['style', '"rounded,dashed"'], ['color', '"#999999"'], ['fontcolor', '"#777777"']);
    if (n.status === 'mwaa') attrs.push(['style', '"rounded,dashed,filled"'], ['fillcolor', '"#f5f5f5"'], ['color', '"#777777"'], ['fontcolor', '"#555555"']);
    out.push(`${indent}d${i}${dotAttrs(attrs)};`);
  };
  if (graph.projects.length > 1) {
    graph.projects.forEach((p, pi) => {
      out.push(`  subgraph ${dotText(`cluster_p${pi}`)} {`, `    label=${dotText(p ?? 'files given')};`);
      graph.nodes.forEach((n, i) => n.project === p && node(n, i, '    '));
      out.push('  }');
    });
  } else {
    graph.nodes.forEach((n, i) => node(n, i, '  '));
  }
  for (const e of graph.edges) {
    const attrs: (readonly [string, string])[] = [['label', dotText(dagEdgeLabel(e))]];
    if (external(graph, e)) attrs.push(['style', 'dashed']);
    if (e.cycle) attrs.push(...DOT_RED);
    out.push(`  d${e.from} -> d${e.to}${dotAttrs(attrs)};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

export function taskGraphDot(view: TaskGraphView): string {
  const g = view.graph;
  const out = [`// airlint graph: tasks of DAG ${oneLine(g.dagId ?? '(unknown id)')} (${oneLine(view.path)}:${g.line})`];
  if (g.repeated) out.push('// this DAG is built in a loop airlint cannot unroll: the graph is one of its copies');
  for (const reason of g.incomplete) out.push(`// incomplete: ${oneLine(reason)}`);
  out.push(`digraph ${dotText(g.dagId ?? 'dag')} {`, ...DOT_HEAD);
  if (g.incomplete.length > 0) out.push(`  labelloc=b;`, `  label=${dotText(`may be incomplete: ${g.incomplete.map(oneLine).join('; ')}`)};`);
  const tasksIn = childrenOf(g.tasks.map((t) => t.group));
  const groupsIn = childrenOf(g.groups.map((gr) => gr.parent));
  const emit = (container: number | null, depth: number): void => {
    const indent = '  '.repeat(depth + 1);
    for (const i of tasksIn.get(container) ?? []) {
      const t = g.tasks[i]!;
      const attrs: (readonly [string, string])[] = [['label', dotLines(taskLines(t))]];
      if (t.role) attrs.push(['shape', t.role === 'setup' ? 'trapezium' : 'invtrapezium'], ['style', 'solid']);
      if (t.cycle) attrs.push(['color', `"${RED}"`], ['penwidth', '2']);
      out.push(`${indent}n${i}${dotAttrs(attrs)};`);
    }
    for (const gi of groupsIn.get(container) ?? []) {
      out.push(`${indent}subgraph ${dotText(`cluster_g${gi}`)} {`, `${indent}  label=${dotText(g.groups[gi]!.id)};`);
      emit(gi, depth + 1);
      out.push(`${indent}}`);
    }
  };
  emit(null, 0);
  for (const e of g.edges) {
    const attrs: (readonly [string, string])[] = [];
    if (e.via.includes('xcom')) attrs.push(['label', dotText('xcom')]);
    if (e.cycle) attrs.push(...DOT_RED);
    out.push(`  n${e.from} -> n${e.to}${dotAttrs(attrs)};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

// -------------------------------------------------------------------------------------------- JSON

export function dagGraphJson(graph: DagGraph): string {
  const doc = {
    version: 1,
    kind: 'dags',
    projects: graph.projects,
    nodes: graph.nodes.map((n, i) => ({
      key: `d${i}`,
      id: n.id,
      status: n.status,
      project: n.project,
      definitions: n.definitions,
      ...(n.status === 'mwaa' ? { env: n.env ?? null } : {}),
    })),
    edges: graph.edges.map((e) => ({
      from: `d${e.from}`,
      to: `d${e.to}`,
      kind: e.kind,
      family: e.family,
      ...(e.asset !== undefined ? { asset: e.asset } : {}),
      label: dagEdgeLabel(e),
      places: e.places,
      cycle: e.cycle,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function taskGraphJson(view: TaskGraphView): string {
  const g = view.graph;
  const doc = {
    version: 1,
    kind: 'tasks',
    dag: { id: g.dagId, path: view.path, line: g.line, column: g.column, ...(g.repeated ? { repeated: true } : {}) },
    tasks: g.tasks.map((t, i) => ({
      key: `n${i}`,
      id: t.id,
      known: t.known,
      operator: t.operator,
      label: t.label,
      kind: t.kind,
      role: t.role,
      group: t.group === null ? null : `g${t.group}`,
      mapped: t.mapped,
      repeated: t.repeated,
      line: t.line,
      column: t.column,
      cycle: t.cycle,
    })),
    groups: g.groups.map((gr, i) => ({ key: `g${i}`, id: gr.id, known: gr.known, parent: gr.parent === null ? null : `g${gr.parent}`, line: gr.line, column: gr.column })),
    edges: g.edges.map((e) => ({ from: `n${e.from}`, to: `n${e.to}`, via: e.via, line: e.line, column: e.column, cycle: e.cycle })),
    incomplete: g.incomplete,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
