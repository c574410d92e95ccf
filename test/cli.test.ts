// The command line end to end, in process: exit codes, formats, config errors, stdin, the commands.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../src/cli/main.js';
import { defineRule } from '../src/engine/rule.js';
import { rules } from '../rules/index.js';

// Clean under every recommended rule: a schedule, a fixed start date, catchup, retries and an alert.
const CLEAN = `from datetime import datetime
from airflow import DAG
from airflow.operators.bash import BashOperator


def alert(context):
    print(context)


with DAG("clean", schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False, default_args={"retries": 2, "on_failure_callback": alert}):
    BashOperator(task_id="a", bash_command="echo")
`;
const WARN = CLEAN.replace('"retries": 2, ', '');
const ERROR = `${CLEAN}    BashOperator(task_id="a", bash_command="echo again")\n`;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'airlint-cli-'));
  mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function cli(cwd: string, argv: string[], extra: Partial<CliIO> & { stdin?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, {
    cwd,
    env: {},
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => extra.stdin ?? '',
    isTTY: false,
    ...extra,
  });
  return { code, out, err };
}

describe('airlint check', () => {
  it('exits 0 on clean files and says so', async () => {
    const root = project({ 'dags/a.py': CLEAN });
    const r = await cli(root, ['dags']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('All checks passed (1 file).\n');
  });

  it('exits 1 on findings at or above --fail-on, 0 below it', async () => {
    const root = project({ 'a.py': WARN });
    expect((await cli(root, [])).code).toBe(1);
    expect((await cli(root, ['--fail-on', 'error'])).code).toBe(0);
    expect((await cli(root, ['--fail-on', 'never'])).code).toBe(0);
    expect((await cli(root, ['--exit-zero'])).code).toBe(0);
    const errors = project({ 'a.py': ERROR });
    expect((await cli(errors, ['--fail-on', 'error'])).code).toBe(1);
  });

  it('reads fail-on from the config file', async () => {
    const root = project({ 'a.py': WARN, 'airlint.toml': 'fail-on = "error"\n' });
    expect((await cli(root, [])).code).toBe(0);
  });

  it('prints JSON with --format json and AIRLINT_FORMAT', async () => {
    const root = project({ 'a.py': ERROR });
    for (const r of [await cli(root, ['-f', 'json']), await cli(root, [], { env: { AIRLINT_FORMAT: 'json' } })]) {
      const doc = JSON.parse(r.out) as { diagnostics: { rule: string; path: string }[]; summary: { errors: number } };
      expect(doc.diagnostics.map((d) => d.rule)).toEqual(['duplicate-task-id']);
      expect(doc.diagnostics[0]!.path).toBe('a.py');
      expect(doc.summary.errors).toBe(1);
    }
  });

  it('writes --output-file', async () => {
    const root = project({ 'a.py': ERROR });
    const r = await cli(root, ['-f', 'concise', '-o', 'report.txt']);
    expect(r.out).toBe('');
    expect(readFileSync(path.join(root, 'report.txt'), 'utf8')).toMatch(/^a\.py:12:18: error duplicate-task-id/);
  });

  it('selects and ignores rules from the command line', async () => {
    const root = project({ 'a.py': ERROR.replace('"retries": 2, ', '') });
    const all = JSON.parse((await cli(root, ['-f', 'json'])).out) as { diagnostics: { rule: string }[] };
    expect(new Set(all.diagnostics.map((d) => d.rule))).toEqual(new Set(['duplicate-task-id', 'missing-retries']));
    const ignored = JSON.parse((await cli(root, ['-f', 'json', '--ignore', 'retries'])).out) as { diagnostics: { rule: string }[] };
    expect(ignored.diagnostics.map((d) => d.rule)).toEqual(['duplicate-task-id']);
    const selected = JSON.parse((await cli(root, ['-f', 'json', '--select', 'missing-retries'])).out) as { diagnostics: { rule: string }[] };
    expect(new Set(selected.diagnostics.map((d) => d.rule))).toEqual(new Set(['missing-retries']));
  });

  it('lints stdin under --stdin-filename', async () => {
    const root = project({});
    const r = await cli(root, ['-', '--stdin-filename', 'dags/x.py', '-f', 'concise'], { stdin: ERROR });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^dags\/x\.py:12:18: error duplicate-task-id/);
  });

  it('skips walked files that cannot hold a DAG, but lints named ones', async () => {
    const root = project({ 'dags/util.py': 'x = (\n', 'dags/real.py': CLEAN });
    expect((await cli(root, ['dags'])).out).toContain('(1 file)');
    const named = await cli(root, ['dags/util.py', '-f', 'concise']);
    expect(named.code).toBe(1);
    expect(named.out).toContain('syntax-error');
  });

  it('exits 2 on usage and configuration errors, naming file and key', async () => {
    const root = project({ 'a.py': CLEAN, 'pyproject.toml': '[tool.airlint]\nselct = ["all"]\n' });
    const bad = await cli(root, []);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('pyproject.toml');
    expect(bad.err).toContain('selct');
    expect((await cli(root, ['--no-config', '--format', 'xml'])).code).toBe(2);
    expect((await cli(root, ['--no-config', '--bogus'])).code).toBe(2);
    expect((await cli(root, ['--no-config', '--select', 'no-such-rule'])).code).toBe(2);
    expect((await cli(root, ['--no-config', 'missing.py'])).code).toBe(2);
  });

  it('exits 3 when a rule crashes, still reporting the other rules and files', async () => {
    const boom = defineRule({
      id: 'boom',
      category: 'structure',
      severity: 'error',
      recommended: true,
      fixable: false,
      summary: 'always throws, for the test',
      messages: { never: 'never' },
      create() {
        return {
          dag() {
            throw new Error('kaboom');
          },
        };
      },
    });
    const root = project({ 'a.py': ERROR, 'b.py': ERROR });
    const r = await cli(root, ['-f', 'concise'], { registry: [...rules, boom] });
    expect(r.code).toBe(3);
    expect(r.err).toContain('internal error in rule boom on a.py: kaboom');
    expect(r.err).toContain('on b.py');
    expect(r.out).toContain('a.py:12:18: error duplicate-task-id');
    expect(r.out).toContain('b.py:12:18: error duplicate-task-id');
  });
});

describe('other commands', () => {
  it('prints --version and --help', async () => {
    const root = project({});
    expect((await cli(root, ['--version'])).out).toMatch(/^airlint \d+\.\d+\.\d+\n$/);
    expect((await cli(root, ['--help'])).out).toContain('Exit codes');
  });

  it('lists rules, as text and JSON', async () => {
    const root = project({});
    const json = JSON.parse((await cli(root, ['rules', '--json'])).out) as { id: string }[];
    expect(json.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    expect((await cli(root, ['rules'])).out).toContain('dag-cycle');
  });

  it('explains a rule and refuses an unknown one', async () => {
    const root = project({});
    expect((await cli(root, ['explain', 'dag-cycle'])).out).toMatch(/^# dag-cycle\n/);
    expect((await cli(root, ['explain', 'nope'])).code).toBe(2);
  });

  it('inspects the model', async () => {
    const root = project({ 'a.py': ERROR });
    const r = await cli(root, ['inspect', 'a.py']);
    const doc = JSON.parse(r.out) as { version: number; files: { path: string; dags: { dagId: string; tasks: { taskId: string; args: Record<string, unknown> }[] }[] }[] };
    expect(doc.version).toBe(1);
    expect(doc.files[0]!.dags[0]!.dagId).toBe('clean');
    expect(doc.files[0]!.dags[0]!.tasks.map((t) => t.taskId)).toEqual(['a', 'a']);
    expect(doc.files[0]!.dags[0]!.tasks[0]!.args.retries).toEqual({ value: 2, source: 'dag-default-args', line: 10 });
  });
});

describe('discovery messages', () => {
  it('tells why a named file is skipped (.airflowignore) and lints the rest', async () => {
    const root = project({ 'dags/.airflowignore': 'legacy\n', 'dags/legacy.py': ERROR, 'dags/ok.py': CLEAN });
    const r = await cli(root, ['dags/legacy.py', 'dags/ok.py']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('skipped dags/legacy.py');
    expect(r.out).toBe('All checks passed (1 file).\n');
  });
});
