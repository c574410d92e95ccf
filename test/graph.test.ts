// `airlint graph`: golden outputs for each format and both views (fixtures/graph/<case>/, with the
// command's arguments in args.json and expected.mermaid / expected.dot / expected.json; `vitest -u`
// rewrites them), the syntax of every Mermaid and DOT output, and the command's behaviour.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { TaskGraph } from '../src/model/graph.js';
import type { DagGraph } from '../src/project/graph.js';
import { dagGraphDot, dagGraphMermaid, dotText, GRAPH_FORMATS, mermaidText, taskGraphDot, taskGraphJson, taskGraphMermaid } from '../src/report/graph.js';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'graph');
const cases = readdirSync(root).filter((d) => statSync(path.join(root, d)).isDirectory()).sort();

async function graph(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['graph', '--no-cache', ...args], { cwd, env: {}, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => '', isTTY: false });
  return { code, out, err };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlint-graph-'));
  mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const dagFile = (id: string, body = '    BashOperator(task_id="t", bash_command="echo")\n', imports = ''): string =>
  `import pendulum\n\nfrom airflow import DAG\nfrom airflow.operators.bash import BashOperator\n${imports}\nwith DAG(dag_id="${id}", schedule=None, start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):\n${body}`;
const TRIGGER = 'from airflow.operators.trigger_dagrun import TriggerDagRunOperator\n';

// ------------------------------------------------------------------------------- syntax checkers

/**
 * A strict line checker for the Mermaid subset airlint writes (no Mermaid package is installed to
 * parse it for real): every line one of the statements below, strings without raw quotes or HTML
 * other than `<br/>`, subgraphs balanced, every id defined once before use, linkStyle indexes in range.
 */
function checkMermaid(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines.pop() !== '') problems.push('no final newline');
  if (lines[0] !== 'flowchart LR') problems.push(`first line: ${lines[0]}`);
  const STR = '"(?:[^"<>]|<br/>)*"';
  const nodes = new Set<string>();
  const groups = new Set<string>();
  let depth = 0;
  let links = 0;
  const used: string[] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    const at = `line ${i + 2}: ${line}`;
    let m: RegExpExecArray | null;
    if (/^ {2,}%% /.test(line) && !line.slice(4).includes('%%')) continue;
    if ((m = new RegExp(`^ +([nd]\\d+)(\\[${STR}\\]|\\[/${STR}\\\\\\]|\\[\\\\${STR}/\\])$`).exec(line))) {
      if (nodes.has(m[1]!) || groups.has(m[1]!)) problems.push(`defined twice: ${at}`);
      nodes.add(m[1]!);
    } else if ((m = new RegExp(`^ +subgraph ([gp]\\d+)\\[${STR}\\]$`).exec(line))) {
      if (groups.has(m[1]!) || nodes.has(m[1]!)) problems.push(`defined twice: ${at}`);
      groups.add(m[1]!);
      depth++;
    } else if (/^ +end$/.test(line)) {
      if (--depth < 0) problems.push(`unbalanced end: ${at}`);
    } else if ((m = new RegExp(`^ {2}([nd]\\d+) (-->|-\\.->)(?:\\|${STR}\\|)? ([nd]\\d+)$`).exec(line))) {
      used.push(m[1]!, m[3]!);
      links++;
    } else if (/^ {2}classDef (missing|mwaa|cycle) [a-z-]+:[^,\s]+(?:,[a-z-]+:[^,]+)*$/.test(line)) {
      // a style
    } else if ((m = /^ {2}class ((?:[nd]\d+,)*[nd]\d+) (missing|mwaa|cycle)$/.exec(line))) {
      used.push(...m[1]!.split(','));
    } else if ((m = /^ {2}linkStyle ((?:\d+,)*\d+) stroke:#[0-9a-f]{6},stroke-width:2px$/.exec(line))) {
      for (const n of m[1]!.split(',')) if (Number(n) >= links) problems.push(`linkStyle past the links: ${at}`);
    } else {
      problems.push(`not a statement: ${at}`);
    }
  }
  if (depth !== 0) problems.push('unclosed subgraph');
  for (const id of used) if (!nodes.has(id)) problems.push(`undefined node ${id}`);
  return problems;
}

/** DOT: tokenised (quoted strings with their escapes), braces balanced, every statement ends with `;`. */
function checkDot(text: string): string[] {
  const problems: string[] = [];
  const body = text.replace(/^\/\/.*$/gm, '');
  const tokens = body.match(/"(?:[^"\\]|\\.)*"|[{}[\];,=]|->|[A-Za-z_][\w]*|-?\d+(?:\.\d+)?|\S/g) ?? [];
  let depth = 0;
  for (const t of tokens) {
    if (t === '{') depth++;
    if (t === '}') depth--;
    if (depth < 0) problems.push('unbalanced }');
    if (t.length === 1 && !/[{}[\];,=\w]/.test(t)) problems.push(`stray character ${t}`);
  }
  if (depth !== 0) problems.push('unbalanced braces');
  if (tokens[0] !== 'digraph' || tokens[2] !== '{') problems.push('not a digraph');
  for (const line of body.split('\n').map((l) => l.trim())) {
    if (line && !/[;{}]$/.test(line)) problems.push(`statement without ;: ${line}`);
  }
  return problems;
}

/** The edges drawn red in Mermaid (linkStyle indexes). */
function mermaidRed(text: string): number[] {
  const m = /linkStyle ([\d,]+) /.exec(text);
  return m ? m[1]!.split(',').map(Number) : [];
}

// --------------------------------------------------------------------------------------- goldens

describe.each(cases)('golden %s', (name) => {
  const dir = path.join(root, name);
  const args = JSON.parse(readFileSync(path.join(dir, 'args.json'), 'utf8')) as string[];

  it.each(GRAPH_FORMATS)('%s', async (format) => {
    const r = await graph(dir, ['--format', format, ...args]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    if (format === 'mermaid') expect(checkMermaid(r.out)).toEqual([]);
    if (format === 'dot') expect(checkDot(r.out)).toEqual([]);
    if (format === 'json') expect(() => JSON.parse(r.out) as unknown).not.toThrow();
    await expect(r.out).toMatchFileSnapshot(path.join(dir, `expected.${format}`));
  });

  it('highlights the same edges in every format', async () => {
    const json = JSON.parse((await graph(dir, ['-f', 'json', ...args])).out) as { edges: { cycle: boolean }[] };
    const red = json.edges.flatMap((e, i) => (e.cycle ? [i] : []));
    expect(mermaidRed((await graph(dir, args)).out)).toEqual(red);
    const dot = (await graph(dir, ['-f', 'dot', ...args])).out;
    expect(dot.split('\n').filter((l) => l.includes('->') && l.includes('penwidth=2')).length).toBe(red.length);
  });
});

// ----------------------------------------------------------------------------- the DAG graph view

interface DagsJson {
  version: number;
  kind: string;
  projects: (string | null)[];
  nodes: { key: string; id: string; status: string; project: string | null; definitions: { path: string; line: number }[]; env?: string | null }[];
  edges: { from: string; to: string; kind: string; family: string; asset?: string; label: string; cycle: boolean; places: { path: string; line: number }[] }[];
}

function edgeList(doc: DagsJson): string[] {
  const id = (key: string): string => {
    const n = doc.nodes.find((x) => x.key === key)!;
    return n.status === 'dag' ? n.id : `${n.status}:${n.id}`;
  };
  return doc.edges.map((e) => `${id(e.from)} -${e.kind}${e.asset ? `(${e.asset})` : ''}${e.cycle ? '!' : ''}-> ${id(e.to)}`);
}

describe('the DAG graph of a project', () => {
  const dir = path.join(root, 'dags-loop-asset');

  it('has the trigger loop (highlighted), the asset edge, sensors, the marker, the missing DAG and the MWAA target', async () => {
    const doc = JSON.parse((await graph(dir, ['-f', 'json'])).out) as DagsJson;
    expect(doc).toMatchObject({ version: 1, kind: 'dags', projects: ['.'] });
    expect(edgeList(doc).sort()).toEqual(
      [
        'ingest -asset(s3://lake/raw/orders)-> report',
        'ingest -trigger!-> transform',
        'transform -trigger!-> ingest',
        'transform -sensor-> report',
        'transform -marker-> report',
        'missing:legacy_export -sensor-> transform',
        'report -mwaa-trigger-> mwaa:warehouse_refresh',
      ].sort(),
    );
    expect(doc.nodes.find((n) => n.status === 'mwaa')).toMatchObject({ id: 'warehouse_refresh', env: 'analytics-prod' });
    // A duplicated dag_id is one node with both definitions, by path.
    expect(doc.nodes.find((n) => n.id === 'report')!.definitions.map((d) => d.path)).toEqual(['dags/archive/report_v1.py', 'dags/report.py']);
  });

  it('dashes the edges to DAGs outside the project and styles those nodes', async () => {
    const out = (await graph(dir, [])).out;
    expect(out).toMatch(/^ {2}d\d+ -\.->\|"waited for \(sensor\)"\| d\d+$/m);
    expect(out).toMatch(/^ {2}class d\d+ missing$/m);
    expect(out).toMatch(/^ {2}class d\d+ mwaa$/m);
    const dot = (await graph(dir, ['-f', 'dot'])).out;
    expect(dot).toMatch(/label="legacy_export\\nnot in the project", style="rounded,dashed"/);
    expect(dot).toMatch(/label="triggers \(MWAA\)", style=dashed/);
  });

  it('indexes the whole project when given one file (as check does), and not with --no-project', async () => {
    const whole = (await graph(dir, ['-f', 'json'])).out;
    expect((await graph(dir, ['-f', 'json', 'dags/ingest.py'])).out).toBe(whole);
    const alone = JSON.parse((await graph(dir, ['-f', 'json', '--no-project', 'dags/ingest.py'])).out) as DagsJson;
    expect(edgeList(alone)).toEqual(['ingest -trigger-> missing:transform']);
    expect(alone.projects).toEqual([null]);
  });

  it('gives the same graph from a warm cache', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'airlint-graph-cache-'));
    const args = ['graph', '-f', 'json', '--cache-dir', cache, '.'];
    const io = (sink: { out: string }): Parameters<typeof run>[1] => ({ cwd: dir, env: {}, stdout: (s) => (sink.out += s), stderr: () => {}, readStdin: async () => '', isTTY: false });
    const cold = { out: '' };
    const warm = { out: '' };
    expect(await run(args, io(cold))).toBe(0);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    expect(await run(args, io(warm))).toBe(0);
    expect(warm.out).toBe(cold.out);
    expect(cold.out).toBe((await graph(dir, ['-f', 'json'])).out);
  });

  it('shows each project in its own subgraph when the paths belong to several', async () => {
    const dir2 = project({
      'a/airlint.toml': 'select = ["cross-dag-cycle"]\n',
      'a/one.py': dagFile('one', '    TriggerDagRunOperator(task_id="t", trigger_dag_id="two")\n', TRIGGER),
      'b/airlint.toml': 'select = ["cross-dag-cycle"]\n',
      'b/one.py': dagFile('one', '    TriggerDagRunOperator(task_id="t", trigger_dag_id="one")\n', TRIGGER),
    });
    const doc = JSON.parse((await graph(dir2, ['-f', 'json', 'a', 'b'])).out) as DagsJson;
    expect(doc.projects).toEqual(['a', 'b']);
    // The same dag_id in two projects is two nodes; "two" is missing in project a only.
    expect(doc.nodes.map((n) => `${n.project}/${n.id}/${n.status}`)).toEqual(['a/one/dag', 'a/two/missing', 'b/one/dag']);
    expect(edgeList(doc)).toEqual(['one -trigger-> missing:two', 'one -trigger!-> one']);
    const mermaid = (await graph(dir2, ['a', 'b'])).out;
    expect(checkMermaid(mermaid)).toEqual([]);
    expect(mermaid).toContain('  subgraph p0["a"]\n    d0["one<br/>a/one.py:7"]\n');
    expect(mermaid).toContain('  subgraph p1["b"]\n');
    const dot = (await graph(dir2, ['-f', 'dot', 'a', 'b'])).out;
    expect(checkDot(dot)).toEqual([]);
    expect(dot).toContain('  subgraph "cluster_p1" {\n    label="b";\n');
  });

  it('prints an empty graph when there is no DAG', async () => {
    const dir2 = project({ 'airlint.toml': '', 'notes.py': 'print("no dags here")\n' });
    const r = await graph(dir2, []);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('flowchart LR\n  %% airlint graph: DAG dependencies; an arrow points from the DAG that runs first\n  %% no DAG with a literal dag_id was found\n');
    expect(JSON.parse((await graph(dir2, ['-f', 'json'])).out)).toEqual({ version: 1, kind: 'dags', projects: [], nodes: [], edges: [] });
  });
});

// ---------------------------------------------------------------------------- the task graph view

interface TasksJson {
  kind: string;
  dag: { id: string; path: string; line: number };
  tasks: { key: string; id: string; group: string | null; role: string | null; mapped: boolean; cycle: boolean; known: boolean }[];
  groups: { key: string; id: string; parent: string | null }[];
  edges: { from: string; to: string; via: string[]; cycle: boolean }[];
  incomplete: string[];
}

describe('the task graph of one DAG (--dag)', () => {
  const dir = path.join(root, 'tasks-groups-cycle');
  const load = async (args: string[] = ['.']): Promise<TasksJson> => JSON.parse((await graph(dir, ['-f', 'json', '--dag', 'etl', ...args])).out) as TasksJson;

  it('nests TaskGroups in every format', async () => {
    const doc = await load();
    const group = (key: string | null): string | null => (key === null ? null : doc.groups.find((g) => g.key === key)!.id);
    expect(doc.groups.map((g) => `${g.id} < ${group(g.parent)}`)).toEqual(['extract < null', 'extract.api < extract', 'load < null']);
    expect(doc.tasks.filter((t) => t.group !== null).map((t) => `${t.id} in ${group(t.group)}`)).toEqual([
      'extract.orders in extract',
      'extract.api.users in extract.api',
      'extract.api.clean in extract.api',
      'load.a in load',
      'load.b in load',
    ]);
    const mermaid = (await graph(dir, ['--dag', 'etl'])).out;
    expect(mermaid).toMatch(/ {2}subgraph g0\["extract"\]\n {4}n\d+\["extract\.orders<br\/>BashOperator"\]\n {4}subgraph g1\["extract\.api"\]\n {6}n\d+\[/);
    const dot = (await graph(dir, ['-f', 'dot', '--dag', 'etl'])).out;
    expect(dot).toMatch(/ {2}subgraph "cluster_g0" \{\n {4}label="extract";\n {4}n\d+ .*\n {4}subgraph "cluster_g1" \{\n {6}label="extract\.api";/);
  });

  it('highlights the edges and tasks of a cycle, and only those', async () => {
    const doc = await load();
    const id = (key: string): string => doc.tasks.find((t) => t.key === key)!.id;
    expect(doc.edges.filter((e) => e.cycle).map((e) => `${id(e.from)} >> ${id(e.to)}`)).toEqual(['audit >> fix', 'fix >> audit']);
    expect(doc.tasks.filter((t) => t.cycle).map((t) => t.id)).toEqual(['audit', 'fix']);
  });

  it('marks setup, teardown, mapped and XCom, and says why the graph may be incomplete', async () => {
    const doc = await load();
    expect(doc.tasks.filter((t) => t.role).map((t) => `${t.id}:${t.role}`)).toEqual(['create_cluster:setup', 'delete_cluster:teardown']);
    expect(doc.tasks.filter((t) => t.mapped).map((t) => t.id)).toEqual(['notify']);
    expect(doc.tasks.filter((t) => !t.known).map((t) => t.id)).toEqual(['<task at line 44>']);
    expect(doc.edges.filter((e) => e.via.includes('xcom')).length).toBe(1);
    expect(doc.incomplete.join('\n')).toContain('tasks created in a loop that cannot be unrolled');
    const mermaid = (await graph(dir, ['--dag', 'etl'])).out;
    expect(mermaid).toMatch(/^ {2}n0\[\/"create_cluster<br\/>@task, setup"\\\]$/m);
    expect(mermaid).toMatch(/^ {2}n\d+\[\\"delete_cluster<br\/>@task, teardown"\/\]$/m);
    expect(mermaid).toMatch(/^ {2}%% incomplete: line 43: tasks created in a loop/m);
  });

  it('takes the first definition in path order, preferring the files given', async () => {
    expect((await load()).dag.path).toBe('dags/etl.py');
    const copy = await load(['dags/z_etl_copy.py']);
    expect(copy.dag.path).toBe('dags/z_etl_copy.py');
    expect(copy.tasks.map((t) => t.id)).toEqual(['copy_only']);
    // A file that does not define it: found in the rest of its project.
    const dir2 = project({ 'airlint.toml': '', 'a.py': dagFile('a'), 'b.py': dagFile('b', '    BashOperator(task_id="in_b", bash_command="echo")\n') });
    const r = JSON.parse((await graph(dir2, ['-f', 'json', '--dag', 'b', 'a.py'])).out) as TasksJson;
    expect(r.dag.path).toBe('b.py');
  });

  it('exits 2 on an unknown id, naming it and the close ids', async () => {
    const r = await graph(dir, ['--dag', 'etll']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('airlint: --dag: no DAG has dag_id "etll" in the project; did you mean "etl"?\n');
    const far = await graph(path.join(root, 'dags-loop-asset'), ['--dag', 'zzzzzzzz']);
    expect(far.code).toBe(2);
    expect(far.err).toBe('airlint: --dag: no DAG has dag_id "zzzzzzzz" in the project; its DAGs: "ingest", "report", "transform"\n');
    const close = await graph(path.join(root, 'dags-loop-asset'), ['--dag', 'Report']);
    expect(close.err).toContain('did you mean "report"?');
  });

  it('exits 2 on an unknown format', async () => {
    const r = await graph(dir, ['-f', 'svg']);
    expect(r).toMatchObject({ code: 2, out: '', err: 'airlint: unknown graph format "svg"; use mermaid, dot, json\n' });
  });

  it('writes --output-file', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'airlint-graph-out-')), 'etl.mmd');
    const r = await graph(dir, ['--dag', 'etl', '-o', out]);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(dir, 'expected.mermaid'), 'utf8'));
  });
});

// -------------------------------------------------------------------------------------- secrets

describe('secrets', () => {
  it('never prints a secret the security rules find, in either view or any format', async () => {
    const KEY = 'AKIAZ7Q3XK2LMN4PW8RT';
    const PASSWORD = 'Xq7rT2vLp9Wd';
    const dir = project({
      'airlint.toml': '',
      'producer.py': dagFile(
        'producer',
        `    BashOperator(task_id="load_${KEY}", bash_command="echo", outlets=[Dataset("postgres://etl:${PASSWORD}@db:5432/orders")])\n`,
        'from airflow.datasets import Dataset\n',
      ),
      'consumer.py': dagFile('consumer').replace('schedule=None', `schedule=[Dataset("postgres://etl:${PASSWORD}@db:5432/orders")]`).replace('from airflow import DAG\n', 'from airflow import DAG\nfrom airflow.datasets import Dataset\n'),
    });
    for (const format of GRAPH_FORMATS) {
      const dags = await graph(dir, ['-f', format]);
      expect(dags.code).toBe(0);
      expect(dags.out).toContain('postgres://db:5432/orders');
      const tasks = await graph(dir, ['-f', format, '--dag', 'producer']);
      expect(tasks.code).toBe(0);
      expect(tasks.out).toContain('load_');
      for (const out of [dags.out, tasks.out]) {
        expect(out).not.toContain(KEY);
        expect(out).not.toContain(PASSWORD);
      }
    }
  });
});

// ------------------------------------------------------------------------------------- escaping

describe('escaping', () => {
  const HOSTILE = ['a"b', 'x#quot;y', '<b>bold</b>', 'back\\slash\\n', 'two\nlines', '`md`', 'end', 'a;b|c', '%%{init: {}}%%', '& amp'];

  it('keeps every id inside one Mermaid string, whatever it holds', () => {
    for (const s of HOSTILE) {
      const text = mermaidText(s);
      expect(text).toMatch(/^"[^"<>\n`%]*"$/);
      // Mermaid decodes `#name;` / `#NN;` to entities: decoding gives back the text (on one line).
      const decoded = text
        .slice(1, -1)
        .replace(/#(\d+|quot|lt|gt|amp);/g, (_, n: string) => ({ quot: '"', lt: '<', gt: '>', amp: '&' })[n] ?? String.fromCharCode(Number(n)));
      expect(decoded).toBe(s.replace(/\n/g, ' '));
    }
  });

  it('keeps every id inside one DOT string, whatever it holds', () => {
    for (const s of HOSTILE) {
      const text = dotText(s);
      expect(text).toMatch(/^"(?:[^"\\\n]|\\.)*"$/);
      expect(text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))).toBe(s);
    }
  });

  it('renders hostile labels as valid Mermaid and DOT in both views', () => {
    const dags: DagGraph = {
      projects: ['.'],
      nodes: [
        { id: HOSTILE[0]!, status: 'dag', project: '.', definitions: [{ path: 'dags/"x".py', line: 1, column: 1 }] },
        { id: HOSTILE[2]!, status: 'missing', project: '.', definitions: [] },
        { id: HOSTILE[4]!, status: 'mwaa', project: '.', definitions: [], env: HOSTILE[3]! },
      ],
      edges: [
        { from: 0, to: 1, kind: 'asset', family: 'causes', asset: 's3://b/"k"#<x>|y', places: [{ path: 'a.py', line: 2, column: 1 }], cycle: true },
        { from: 0, to: 2, kind: 'mwaa-trigger', family: 'causes', places: [{ path: 'a.py', line: 3, column: 1 }], cycle: false },
      ],
    };
    expect(checkMermaid(dagGraphMermaid(dags))).toEqual([]);
    expect(checkDot(dagGraphDot(dags))).toEqual([]);
    const task = (id: string, i: number): TaskGraph['tasks'][number] => ({ id, known: true, operator: 'x.Op', label: 'Op', kind: 'operator', role: i === 1 ? 'setup' : i === 2 ? 'teardown' : null, group: i % 2 === 0 ? 0 : 1, mapped: false, repeated: false, line: i + 1, column: 1, cycle: i < 2 });
    const tasks: TaskGraph = {
      dagId: HOSTILE[1]!,
      line: 1,
      column: 1,
      repeated: true,
      tasks: HOSTILE.map(task),
      groups: [
        { id: HOSTILE[6]!, known: true, parent: null, line: 1, column: 1 },
        { id: HOSTILE[8]!, known: true, parent: 0, line: 2, column: 1 },
      ],
      edges: [
        { from: 0, to: 1, via: ['>>'], line: 3, column: 1, cycle: true },
        { from: 1, to: 0, via: ['xcom'], line: 4, column: 1, cycle: true },
      ],
      incomplete: ['a reason with\na new line and %%{init}%%'],
    };
    const view = { path: 'dags/"q".py', graph: tasks };
    expect(checkMermaid(taskGraphMermaid(view))).toEqual([]);
    expect(checkDot(taskGraphDot(view))).toEqual([]);
    expect(JSON.parse(taskGraphJson(view))).toMatchObject({ dag: { id: HOSTILE[1], repeated: true }, incomplete: tasks.incomplete });
  });
});
