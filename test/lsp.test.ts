// The language server end to end, in process: a vscode-jsonrpc client talks to startServer() over
// paired streams, the way an editor talks to `airlint lsp --stdio`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { startServer } from '../src/lsp/server.js';
import { grammarPath } from '../src/grammar.js';
import { nextCronTimes } from '../src/model/hover.js';
import { ignoreFileEdit, ignoreLineEdit } from '../src/model/ignore-edit.js';
import { PythonParser, type ParsedFile } from '../src/parse/parser.js';

interface Position {
  line: number;
  character: number;
}
interface LspRange {
  start: Position;
  end: Position;
}
interface LspDiagnostic {
  range: LspRange;
  severity: number;
  code: string;
  codeDescription: { href: string };
  source: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: LspRange }; message: string }[];
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
}
interface CodeAction {
  title: string;
  kind: string;
  edit: { changes: Record<string, { range: LspRange; newText: string }[]> };
}

const BAD = `import pendulum

from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG(
    dag_id="orders",
    schedule="0 6 * * 1-5",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
):
    extract, load = BashOperator(task_id="x😀", bash_command="echo"), BashOperator(task_id="load", bash_command="echo")
`;
const FIXED = BAD.replace('catchup=False,', 'catchup=False,\n    default_args={"retries": 2},');

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'airlint-lsp-'));
  mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return root;
}

/** Where `needle` starts in `text` (0-based line, UTF-16 character), skipping `skip` earlier matches. */
function positionOf(text: string, needle: string, skip = 0): Position {
  let at = text.indexOf(needle);
  for (let i = 0; i < skip; i++) at = text.indexOf(needle, at + 1);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

class Client {
  private readonly waiting: { uri: string; resolve: (p: Published) => void }[] = [];
  private readonly queued: Published[] = [];
  readonly exitCode: Promise<number>;

  constructor(readonly connection: MessageConnection, exitCode: Promise<number>) {
    this.exitCode = exitCode;
    connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      const i = this.waiting.findIndex((w) => w.uri === p.uri);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(p);
      else this.queued.push(p);
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/showMessage', () => {});
    connection.onNotification('window/logMessage', () => {});
    connection.listen();
  }

  /** The next diagnostics published for `uri`. */
  diagnostics(uri: string): Promise<Published> {
    const i = this.queued.findIndex((p) => p.uri === uri);
    if (i >= 0) return Promise.resolve(this.queued.splice(i, 1)[0]!);
    return new Promise((resolve) => this.waiting.push({ uri, resolve }));
  }
}

function connect(now: Date): Client {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const exitCode = startServer({
    reader: new StreamMessageReader(toServer),
    writer: new StreamMessageWriter(toClient),
    debounceMs: 10,
    now: () => now,
  });
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return new Client(connection, exitCode);
}

let open: Client | null = null;
afterEach(() => {
  open?.connection.dispose();
  open = null;
});

describe('airlint lsp', () => {
  it('publishes diagnostics, offers ignore quick fixes, describes schedules and reloads config', async () => {
    const root = project({ 'airlint.toml': 'select = ["missing-retries"]\n' });
    const file = path.join(root, 'orders.py');
    const uri = pathToFileURL(file).href;
    const client = connect(new Date('2024-01-05T12:00:00Z'));
    open = client;
    const c = client.connection;

    const init = (await c.sendRequest('initialize', {
      processId: null,
      rootUri: pathToFileURL(root).href,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    })) as { capabilities: { hoverProvider: boolean; codeActionProvider: unknown } };
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.codeActionProvider).toBeTruthy();
    await c.sendNotification('initialized', {});

    // Open a DAG with two tasks and no retries: one finding per task, at each operator call.
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: BAD } });
    const first = await client.diagnostics(uri);
    expect(first.version).toBe(1);
    expect(first.diagnostics.map((d) => d.code)).toEqual(['missing-retries', 'missing-retries']);
    const [d1, d2] = first.diagnostics as [LspDiagnostic, LspDiagnostic];
    expect(d1.source).toBe('airlint');
    expect(d1.severity).toBe(2);
    expect(d1.codeDescription.href).toBe('https://github.com/airlint/airlint/blob/main/rules/missing-retries.md');
    expect(d1.range.start).toEqual(positionOf(BAD, 'BashOperator(task_id="x'));
    // The second call comes after an emoji: LSP columns count UTF-16 code units, as airlint's do.
    expect(d2.range.start).toEqual(positionOf(BAD, 'BashOperator(task_id="load"'));
    expect(d2.range.start.character).toBe(BAD.split('\n')[11]!.indexOf('BashOperator(task_id="load"'));

    // Quick fixes: a trailing comment on the finding's line, and a file-level one at the top.
    const actions = (await c.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d1.range,
      context: { diagnostics: [d1] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Ignore missing-retries on this line', 'Ignore missing-retries in this file']);
    const lineEdit = actions[0]!.edit.changes[uri]![0]!;
    const line11 = BAD.split('\n')[11]!;
    expect(lineEdit).toEqual({ range: { start: { line: 11, character: line11.length }, end: { line: 11, character: line11.length } }, newText: '  # airlint: ignore[missing-retries]' });
    expect(actions[1]!.edit.changes[uri]![0]).toEqual({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# airlint: ignore-file[missing-retries]\n' });

    // Hover over the schedule string: the schedule in words and the next three runs (UTC start_date).
    const hover = (await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(BAD, '0 6 * * 1-5') })) as {
      contents: { kind: string; value: string };
      range: LspRange;
    };
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toContain('At 06:00, Monday through Friday');
    expect(hover.contents.value).toContain('- 2024-01-08 06:00 UTC\n- 2024-01-09 06:00 UTC\n- 2024-01-10 06:00 UTC');
    const literal = positionOf(BAD, '"0 6 * * 1-5"');
    expect(hover.range).toEqual({ start: literal, end: { line: literal.line, character: literal.character + '"0 6 * * 1-5"'.length } });
    expect(await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(BAD, 'orders') })).toBeNull();

    // Fix the DAG: the findings go away.
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FIXED }] });
    const fixed = await client.diagnostics(uri);
    expect(fixed).toMatchObject({ version: 2, diagnostics: [] });

    // Break it again, then turn the rule off in the config file: the server reloads its config.
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: BAD }] });
    expect((await client.diagnostics(uri)).diagnostics).toHaveLength(2);
    writeFileSync(path.join(root, 'airlint.toml'), 'select = ["dag-cycle"]\n');
    await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'airlint.toml')).href, type: 2 }] });
    expect((await client.diagnostics(uri)).diagnostics).toEqual([]);

    await c.sendNotification('textDocument/didClose', { textDocument: { uri } });
    expect((await client.diagnostics(uri)).diagnostics).toEqual([]);

    await c.sendRequest('shutdown');
    await c.sendNotification('exit');
    expect(await client.exitCode).toBe(0);
  });

  it('extends an existing ignore comment and debounces quick edits', async () => {
    const root = project({ 'airlint.toml': 'select = ["missing-retries", "missing-failure-alert"]\n' });
    const uri = pathToFileURL(path.join(root, 'dag.py')).href;
    const client = connect(new Date('2024-01-05T12:00:00Z'));
    open = client;
    const c = client.connection;
    await c.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
    await c.sendNotification('initialized', {});
    const text = BAD.replace('bash_command="echo")\n', 'bash_command="echo")  # airlint: ignore[missing-failure-alert]\n');
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: BAD } });
    // Two changes inside the debounce window: only the last version is linted and published.
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const published = await client.diagnostics(uri);
    expect(published.version).toBe(2);
    const d = published.diagnostics.find((x) => x.code === 'missing-retries')!;
    const actions = (await c.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const edit = actions[0]!.edit.changes[uri]![0]!;
    const line = text.split('\n')[11]!;
    const at = line.indexOf(']');
    expect(edit).toEqual({ range: { start: { line: 11, character: at }, end: { line: 11, character: at } }, newText: ', missing-retries' });
    await c.sendRequest('shutdown');
    await c.sendNotification('exit');
    expect(await client.exitCode).toBe(0);
  });
});

describe('nextCronTimes', () => {
  const from = new Date('2024-02-27T23:59:30Z');
  const iso = (ds: Date[] | null): string[] | null => ds?.map((d) => d.toISOString()) ?? null;

  it('follows plain 5-field crons, presets and aliases in UTC', () => {
    expect(iso(nextCronTimes('*/20 * * * *', from, 3))).toEqual(['2024-02-28T00:00:00.000Z', '2024-02-28T00:20:00.000Z', '2024-02-28T00:40:00.000Z']);
    expect(iso(nextCronTimes('0 0 29 2 *', from, 2))).toEqual(['2024-02-29T00:00:00.000Z', '2028-02-29T00:00:00.000Z']);
    expect(iso(nextCronTimes('@quarterly', from, 2))).toEqual(['2024-04-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z']);
    expect(iso(nextCronTimes('@MIDNIGHT', from, 1))).toEqual(['2024-02-28T00:00:00.000Z']);
    expect(iso(nextCronTimes('30 9 * * MON-FRI', from, 2))).toEqual(['2024-02-28T09:30:00.000Z', '2024-02-29T09:30:00.000Z']);
    expect(iso(nextCronTimes('0 12 * * 7', from, 1))).toEqual(['2024-03-03T12:00:00.000Z']);
    expect(iso(nextCronTimes('5/15 0 */15 jan,mar *', from, 3))).toEqual(['2024-03-01T00:05:00.000Z', '2024-03-01T00:20:00.000Z', '2024-03-01T00:35:00.000Z']);
  });

  it('gives no times where it could be wrong', () => {
    for (const expr of ['0 0 1 * 1', '0 0 L * *', '0 0 * * 5#2', '0 0 * * 5-7', '0 0 15W * *', '0 0 * * * 30', '@once', '@continuous', 'not a cron', '0 0 31 2 *']) {
      expect(nextCronTimes(expr, from, 3), expr).toBeNull();
    }
  });
});

describe('ignore edits', () => {
  const parse = async (text: string): Promise<ParsedFile> => (await PythonParser.create(grammarPath())).parse(text);

  it('puts the directive above a simple statement whose line ends inside a string', async () => {
    const text = 'with DAG("d"):\n    t = BashOperator(task_id="t", bash_command="""\n        echo hi\n    """)\n';
    const parsed = await parse(text);
    expect(ignoreLineEdit(parsed, 2, 'missing-retries')).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 1, newText: '    # airlint: ignore[missing-retries]\n' });
    // A compound statement's header: a directive above would cover the whole block.
    const header = await parse('with DAG("d", doc_md="""\n  x\n"""):\n    pass\n');
    expect(ignoreLineEdit(header, 1, 'missing-retries')).toBeNull();
  });

  it('appends after another tool\'s comment and keeps a shebang and encoding line first', async () => {
    const parsed = await parse('#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = f()  # noqa: E501\n');
    expect(ignoreLineEdit(parsed, 3, 'parse-time-io')).toEqual({ line: 3, column: 22, endLine: 3, endColumn: 22, newText: '  # airlint: ignore[parse-time-io]' });
    expect(ignoreFileEdit(parsed, 'parse-time-io')).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 1, newText: '# airlint: ignore-file[parse-time-io]\n' });
    const withFile = await parse('# airlint: ignore-file[dag-cycle]\nx = 1\n');
    expect(ignoreFileEdit(withFile, 'parse-time-io')).toMatchObject({ line: 1, column: 33, newText: ', parse-time-io' });
    expect(ignoreFileEdit(withFile, 'dag-cycle')).toBeNull();
  });
  it('indexes the project: a dag_id also defined in a file on disk is a finding on the open document, gone after a rename', async () => {
    const other = BAD.replace('extract, load = ', '').replace('BashOperator(task_id="x😀", bash_command="echo"), ', '');
    const root = project({ 'airlint.toml': 'select = ["duplicate-dag-id", "unknown-dag-reference"]\n', 'other.py': other });
    const uri = pathToFileURL(path.join(root, 'orders.py')).href;
    const client = connect(new Date('2024-01-05T12:00:00Z'));
    open = client;
    const c = client.connection;
    await c.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
    await c.sendNotification('initialized', {});
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: BAD } });
    // The first publish may come before the project is indexed; the index then brings the finding.
    let published = await client.diagnostics(uri);
    if (published.diagnostics.length === 0) published = await client.diagnostics(uri);
    expect(published.diagnostics.map((d) => d.code)).toEqual(['duplicate-dag-id']);
    const dup = published.diagnostics[0]!;
    expect(dup.range.start).toEqual(positionOf(BAD, 'dag_id="orders"'));
    expect(dup.relatedInformation?.[0]?.location.uri).toBe(pathToFileURL(path.join(root, 'other.py')).href);

    const renamed = BAD.replace('dag_id="orders"', 'dag_id="orders_v2"');
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: renamed }] });
    const after = await client.diagnostics(uri);
    expect(after.version).toBe(2);
    expect(after.diagnostics).toEqual([]);
  });
  it('noConfig (an untrusted workspace): no configuration file is read, the defaults apply', async () => {
    const root = project({ 'airlint.toml': 'select = ["duplicate-dag-id"]\n' });
    const uri = pathToFileURL(path.join(root, 'orders.py')).href;
    const codes = async (initializationOptions: unknown): Promise<string[]> => {
      const client = connect(new Date('2024-01-05T12:00:00Z'));
      open = client;
      const c = client.connection;
      await c.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions });
      await c.sendNotification('initialized', {});
      await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: BAD } });
      const published = await client.diagnostics(uri);
      c.dispose();
      return [...new Set(published.diagnostics.map((d) => d.code))];
    };
    expect(await codes({})).toEqual([]);
    expect(await codes({ noConfig: true })).toContain('missing-retries');
  });
});
