// No secret leaves airlint, whatever the entry point: the security rules' fixtures are linted by the
// CLI (`check` in every format, to stdout and to a file, from stdin; `inspect`; `graph`), the GitHub Action
// (annotations, log, job summary, SARIF file, outputs) and the language server (diagnostics, hover,
// code actions, log messages), and the secret parts of their literals, as is, base64- and
// URL-encoded, must appear in none of it: not in a report, an error message or a file left behind.
// test/redaction.test.ts checks the formatters themselves.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { runAction } from '../src/action/main.js';
import { run as cliRun } from '../src/cli/main.js';
import { startServer } from '../src/lsp/server.js';
import { FORMATS } from '../src/report/index.js';
import { leakForms } from './support/fuzz-check.js';
import { secretFixtures, secretLines, secretsOf, type SecretFixture } from './support/secrets.js';

interface Case extends SecretFixture {
  /** The file's name in the test project. */
  name: string;
  secrets: string[];
}

let cases: Case[] = [];
/** The same files with a syntax error on their first secret line (`$` before the statement's text). */
let broken: Case[] = [];

/**
 * Secrets in places the rule fixtures do not cover: an asset URI (kept by the model, the project
 * index and the cache), an environment write and a Variable through positional arguments.
 */
const EXTRA: Case = {
  rule: 'extra',
  file: 'asset-and-env.py',
  shown: 'asset-and-env.py',
  name: 'extra--asset-and-env.py',
  secrets: ['Rk7mW2qLz9Xp', 'Jd4nB8vTq2Wc', 'Hs6pQ3zLk8Vm2Rt'],
  text: `# airflow dag
import os

import pendulum
from airflow import DAG
from airflow.datasets import Dataset
from airflow.models import Variable
from airflow.operators.empty import EmptyOperator

SRC = Dataset("postgresql://etl:Rk7mW2qLz9Xp@warehouse.internal:5432/sales")  # expect: credentials-in-uri
os.environ.setdefault("AIRFLOW_CONN_LAKE", "postgresql://lake:Jd4nB8vTq2Wc@lake.internal/db")  # expect: hardcoded-connection-env
Variable.set("slack_token", "Hs6pQ3zLk8Vm2Rt")  # expect: hardcoded-secret

with DAG("producer", schedule=None, start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):
    EmptyOperator(task_id="p", outlets=[SRC])

with DAG("consumer", schedule=[SRC], start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):
    EmptyOperator(task_id="c", outlets=[SRC])
`,
};


/** The secret fixtures with a syntax error on the first line that holds a secret. */
function breakSecretLine(c: Case): Case {
  const lines = c.text.split('\n');
  const first = Math.min(...secretLines(c.text)) - 1;
  lines[first] = lines[first]!.replace(/^(\s*)/, '$1$ ');
  return { ...c, name: c.name.replace(/\.py$/, '-broken.py'), text: lines.join('\n') };
}

beforeAll(async () => {
  cases = await Promise.all(
    secretFixtures().map(async (f) => {
      // A first line that makes every file look like a DAG file, so that discovery and the language
      // server lint them all (some fixtures are plain boto3 or connection code).
      const text = `# airflow dag\n${f.text}`;
      let secrets = await secretsOf(text);
      // A role ARN's secret part is its account id (the rule's message names the role).
      if (f.rule === 'hardcoded-role-arn') secrets = secrets.filter((s) => /^\d{12}$/.test(s));
      return { ...f, text, name: `${f.rule}--${f.file}`, secrets };
    }),
  );
  cases.push(EXTRA);
  broken = cases.map(breakSecretLine);
});

/**
 * A SARIF log without the rule documentation it embeds (`help`, `fullDescription`): rules/*.md are
 * the same for every run, and their examples come from the fixtures.
 */
function withoutRuleDocs(text: string): string {
  if (!text.trimStart().startsWith('{')) return text;
  try {
    const log = JSON.parse(text) as { runs?: { tool: { driver: { rules?: Record<string, unknown>[] } } }[] };
    if (!Array.isArray(log.runs)) return text;
    for (const run of log.runs) for (const rule of run.tool.driver.rules ?? []) for (const key of ['help', 'fullDescription']) delete rule[key];
    return JSON.stringify(log);
  } catch {
    return text;
  }
}

/** Where a secret (in any of its forms) shows in `text`, or null. */
function leak(output: string, secrets: readonly string[]): string | null {
  const text = withoutRuleDocs(output);
  for (const secret of secrets) {
    for (const form of leakForms(secret)) {
      const at = text.indexOf(form);
      if (at >= 0) return `${form === secret ? 'the secret' : `an encoded form (${form.slice(0, 6)}…)`} "${secret.slice(0, 4)}…" in: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`;
    }
  }
  return null;
}

function expectNoLeak(where: string, text: string, secrets: readonly string[]): void {
  expect(leak(text, secrets), where).toBeNull();
}

function allSecrets(list: readonly Case[]): string[] {
  return [...new Set(list.flatMap((c) => c.secrets))];
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A project folder (a git root) with the given files under dags/. */
function project(list: readonly Case[]): string {
  const root = tempDir('airlint-leaks-');
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'dags'));
  for (const c of list) writeFileSync(path.join(root, 'dags', c.name), c.text);
  return root;
}

/** Every file under `dir` but the DAG files themselves: caches, reports, anything left behind. */
function leftovers(dir: string, sources: ReadonlySet<string>): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    if (!statSync(file).isFile() || sources.has(file)) continue;
    // Binary files too (the cache is V8-serialised): its one-byte strings read as latin1, its
    // two-byte strings as UTF-16 at either alignment.
    const bytes = readFileSync(file);
    const binary = bytes.includes(0);
    out.push({ file, text: binary ? [bytes.toString('latin1'), bytes.toString('utf16le'), bytes.subarray(1).toString('utf16le')].join('\n') : bytes.toString('utf8') });
  }
  return out;
}

async function cli(cwd: string, argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliRun(argv, { cwd, env: {}, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => stdin, isTTY: false });
  return { code, out, err };
}

describe('the CLI', () => {
  it('check, in every format, to stdout and to a file, shows no secret', async () => {
    const root = project(cases);
    const secrets = allSecrets(cases);
    expect(secrets.length).toBeGreaterThan(20);
    for (const format of FORMATS) {
      for (const extra of [[], ['--select', 'all'], ['--quiet']]) {
        const r = await cli(root, ['check', '--no-config', '--format', format, ...extra, 'dags']);
        expect(r.code, `${format} ${r.err}`).toBe(1);
        expect(r.out.length).toBeGreaterThan(100);
        expectNoLeak(`check --format ${format} ${extra.join(' ')}: stdout`, r.out, secrets);
        expectNoLeak(`check --format ${format} ${extra.join(' ')}: stderr`, r.err, secrets);
      }
      const file = path.join(root, 'reports', `airlint.${format}`);
      mkdirSync(path.dirname(file), { recursive: true });
      const r = await cli(root, ['check', '--no-config', '--format', format, '--output-file', file, 'dags']);
      expect(r.code).toBe(1);
      expectNoLeak(`check --format ${format} --output-file: the file`, readFileSync(file, 'utf8'), secrets);
      expectNoLeak(`check --format ${format} --output-file: stdout and stderr`, r.out + r.err, secrets);
    }
    const sources = new Set(cases.map((c) => path.join(root, 'dags', c.name)));
    const written = leftovers(root, sources);
    // The reports, and the analysis cache when there is one.
    expect(written.length).toBeGreaterThanOrEqual(FORMATS.length);
    for (const f of written) expectNoLeak(`a file left in the project: ${path.relative(root, f.file)}`, f.text, secrets);
  }, 120_000);

  it('check from stdin shows no secret', async () => {
    const root = project([]);
    for (const c of cases) {
      for (const format of FORMATS) {
        const r = await cli(root, ['check', '--no-config', '--format', format, '--stdin-filename', `dags/${c.name}`, '-'], c.text);
        expect(r.code).toBe(1);
        expectNoLeak(`${c.name}: check - --format ${format}`, r.out + r.err, c.secrets);
      }
    }
  }, 60_000);

  it('inspect prints the model with every secret redacted', async () => {
    const root = project(cases);
    const r = await cli(root, ['inspect', ...cases.map((c) => `dags/${c.name}`)]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.out) as { files: { path: string }[] };
    expect(model.files).toHaveLength(cases.length);
    expect(r.out).toContain('…(');
    for (const c of cases) expectNoLeak(`inspect ${c.name}`, JSON.stringify(model.files.find((f) => f.path === `dags/${c.name}`)), c.secrets);
    expectNoLeak('inspect: stderr', r.err, allSecrets(cases));
  });

  it('graph, of the project and of every DAG, in every graph format, shows no secret', async () => {
    const root = project(cases);
    const secrets = allSecrets(cases);
    const model = JSON.parse((await cli(root, ['inspect', ...cases.map((c) => `dags/${c.name}`)])).out) as { files: { dags: { dagId: unknown }[] }[] };
    const ids = [...new Set(model.files.flatMap((f) => f.dags.map((d) => d.dagId)).filter((id): id is string => typeof id === 'string'))];
    expect(ids.length).toBeGreaterThan(5);
    let shown = 0;
    for (const format of ['mermaid', 'dot', 'json']) {
      for (const extra of [[], ...ids.map((id) => ['--dag', id])]) {
        const r = await cli(root, ['graph', '--no-config', '--format', format, ...extra, 'dags']);
        expect(r.code, `graph --format ${format} ${extra.join(' ')}: ${r.err}`).toBe(0);
        shown += r.out.length;
        expectNoLeak(`graph --format ${format} ${extra.join(' ')}`, r.out + r.err, secrets);
      }
    }
    expect(shown).toBeGreaterThan(1000);
  }, 60_000);

  it('a syntax error on the secret line: inspect and every format but text show no secret', async () => {
    const root = project(broken);
    const secrets = allSecrets(broken);
    for (const format of FORMATS) {
      const r = await cli(root, ['check', '--no-config', '--format', format, 'dags']);
      expect(r.code).toBe(1);
      // Every file reports its syntax error on the line we broke.
      if (format === 'json') {
        const diagnostics = (JSON.parse(r.out) as { diagnostics: { rule: string; path: string }[] }).diagnostics;
        const withError = new Set(diagnostics.filter((d) => d.rule === 'syntax-error').map((d) => d.path));
        expect(broken.map((c) => `dags/${c.name}`).filter((p) => !withError.has(p))).toEqual([]);
      }
      expectNoLeak(`broken files: check --format ${format}`, r.out + r.err, secrets);
    }
    const r = await cli(root, ['inspect', ...broken.map((c) => `dags/${c.name}`)]);
    expectNoLeak('broken files: inspect', r.out + r.err, secrets);
  });
});

describe('the GitHub Action', () => {
  function runner(list: readonly Case[], inputs: Record<string, string>) {
    const root = tempDir('airlint-leaks-action-');
    const workspace = path.join(root, 'workspace');
    cpSync(project(list), workspace, { recursive: true });
    const files = { output: path.join(root, 'output'), summary: path.join(root, 'summary'), temp: path.join(root, 'temp') };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    mkdirSync(files.temp);
    const env: NodeJS.ProcessEnv = {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/pipelines',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      RUNNER_TEMP: files.temp,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    return { root, workspace, env };
  }

  it.each([
    ['annotations and a SARIF file', { paths: 'dags', 'sarif-file': 'airlint.sarif', args: '--select all' }],
    ['plain log lines', { paths: 'dags', annotations: 'false' }],
  ] as [string, Record<string, string>][])('%s: no secret in the log, the outputs, the job summary or the SARIF file', async (_, inputs) => {
    for (const list of [cases, broken]) {
      const r = runner(list, inputs);
      let out = '';
      let err = '';
      const code = await runAction(r.env, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
      expect(code).toBe(1);
      const secrets = allSecrets(list);
      expectNoLeak('action: log', out, secrets);
      expectNoLeak('action: stderr', err, secrets);
      const sources = new Set(list.map((c) => path.join(r.workspace, 'dags', c.name)));
      const written = leftovers(r.root, sources);
      expect(written.map((f) => path.basename(f.file))).toEqual(expect.arrayContaining(['output', 'summary']));
      if (inputs['sarif-file']) expect(written.map((f) => path.basename(f.file))).toContain('airlint.sarif');
      for (const f of written) expectNoLeak(`action: ${path.relative(r.root, f.file)}`, f.text, secrets);
    }
  }, 60_000);
});

describe('the language server', () => {
  interface Position {
    line: number;
    character: number;
  }
  interface LspDiagnostic {
    range: { start: Position; end: Position };
    code: string;
  }

  function positionOf(text: string, offset: number): Position {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  }

  it('diagnostics, hovers, code actions and logs show no secret', async () => {
    const list = [...cases, ...broken];
    const root = project(list);
    writeFileSync(path.join(root, 'airlint.toml'), 'select = ["all"]\n');
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // Everything the server sends, byte for byte.
    let transcript = '';
    toClient.on('data', (chunk: Buffer) => (transcript += chunk.toString('utf8')));
    const exitCode = startServer({ reader: new StreamMessageReader(toServer), writer: new StreamMessageWriter(toClient), debounceMs: 5, now: () => new Date('2024-01-05T12:00:00Z') });
    const c = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const published = new Map<string, LspDiagnostic[]>();
    const waiting = new Map<string, () => void>();
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: LspDiagnostic[] }) => {
      published.set(p.uri, p.diagnostics);
      waiting.get(p.uri)?.();
    });
    c.onRequest(() => null);
    c.onNotification(() => {});
    c.listen();
    try {
      await c.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
      await c.sendNotification('initialized', {});
      let requests = 0;
      let findings = 0;
      for (const item of list) {
        const uri = pathToFileURL(path.join(root, 'dags', item.name)).href;
        const done = new Promise<void>((resolve) => waiting.set(uri, resolve));
        await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: item.text } });
        await done;
        const diagnostics = published.get(uri)!;
        expect(diagnostics.length, item.name).toBeGreaterThan(0);
        for (const d of diagnostics) {
          await c.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
          await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start });
          requests += 2;
        }
        findings += diagnostics.length;
        // Hover on every secret, and on every line's first character.
        for (const secret of item.secrets) {
          for (let at = item.text.indexOf(secret); at >= 0; at = item.text.indexOf(secret, at + 1)) {
            await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(item.text, at) });
            requests++;
          }
        }
        for (let line = 0; line < item.text.split('\n').length; line++) {
          const text = item.text.split('\n')[line]!;
          await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: text.length - text.trimStart().length } });
        }
        await c.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      expect(requests).toBeGreaterThan(50);
      expect(findings).toBeGreaterThan(list.length);
      await c.sendRequest('shutdown');
      await c.sendNotification('exit');
      expect(await exitCode).toBe(0);
    } finally {
      c.dispose();
    }
    expect(transcript).toContain('publishDiagnostics');
    expectNoLeak('language server: messages to the editor', transcript, allSecrets(list));
  }, 60_000);
});

describe('regressions found by the leak tests', () => {
  it('syntax-error-frame-secret: the text code frame of a syntax error shows the secret on its line', async () => {
    const root = project([]);
    const text = 'from airflow.models.connection import Connection\n$ c = Connection(conn_id="pg", password="Qm7vT2xL9pWz4R")\n';
    const r = await cli(root, ['check', '--no-config', '--stdin-filename', 'dags/a.py', '-'], text);
    expect(r.out).toContain('syntax-error');
    expect(r.out).not.toContain('Qm7vT2xL9pWz4R');
  });

  it('asset-uri-secret-in-cache: the analysis cache keeps an asset URI with its password', async () => {
    // Airflow drops the user info of a dataset/asset URI (airflow/datasets/__init__.py in 2.x,
    // airflow/sdk/definitions/asset in 3.x), so the asset's identity never includes it; the project
    // facts keep the URI as written, and the cache stores them.
    const root = project([EXTRA]);
    expect((await cli(root, ['check', '--no-config', 'dags'])).code).toBe(1);
    const cache = leftovers(root, new Set([path.join(root, 'dags', EXTRA.name)])).filter((f) => f.file.includes('.airlint_cache'));
    expect(cache.length).toBeGreaterThan(0);
    for (const f of cache) expect(f.text).not.toContain(EXTRA.secrets[0]);
  });

  it('syntax-error-message-secret: "invalid syntax near" quotes the start of a secret literal', async () => {
    const root = project([]);
    const r = await cli(root, ['check', '--no-config', '--format', 'json', '--stdin-filename', 'dags/a.py', '-'], '"AKIA2XKQ7MZP4LWN6R3T" = = 1\n');
    expect(r.out).toContain('syntax-error');
    expect(r.out).not.toContain('AKIA2XKQ7MZP4LWN');
  });
});
