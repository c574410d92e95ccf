// The GitHub Action's entry point, in process, with the environment a runner gives a step: the
// workspace, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files and the INPUT_* variables.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobSummary, outputCommand, runAction, splitWords } from '../src/action/main.js';
import type { RunResult } from '../src/report/index.js';

const CLEAN = `from datetime import datetime
from airflow import DAG
from airflow.operators.bash import BashOperator


def alert(context):
    print(context)


with DAG("clean", schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False, default_args={"retries": 2, "on_failure_callback": alert}):
    BashOperator(task_id="a", bash_command="echo")
`;
// A duplicate task id (an error) and two tasks without retries (warnings).
const BAD = `${CLEAN.replace('"retries": 2, ', '').replace('DAG("clean"', 'DAG("bad"')}    BashOperator(task_id="a", bash_command="echo again")\n`;

interface Runner {
  root: string;
  env: NodeJS.ProcessEnv;
  outputFile: string;
  summaryFile: string;
}

function runner(files: Record<string, string>, inputs: Record<string, string>): Runner {
  const root = mkdtempSync(path.join(tmpdir(), 'airlint-action-'));
  const workspace = path.join(root, 'workspace');
  mkdirSync(path.join(workspace, '.git'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    writeFileSync(path.join(workspace, name), text);
  }
  const outputFile = path.join(root, 'output');
  const summaryFile = path.join(root, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  mkdirSync(path.join(root, 'temp'));
  const env: NodeJS.ProcessEnv = {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/pipelines',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    RUNNER_TEMP: path.join(root, 'temp'),
  };
  // The runner's spelling: INPUT_ + the name upper-cased, spaces as underscores, hyphens kept.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return { root: workspace, env, outputFile, summaryFile };
}

async function act(r: Runner): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAction(r.env, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

/** GITHUB_OUTPUT's `name=value` and `name<<DELIM` … `DELIM` entries. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

describe('the GitHub Action entry point', () => {
  it('annotates, writes SARIF, outputs and a job summary, and fails on findings', async () => {
    const r = runner({ 'dags/bad.py': BAD, 'dags/good.py': CLEAN }, { paths: 'dags', 'fail-on': 'error', 'sarif-file': 'reports/airlint.sarif' });
    const { code, out } = await act(r);
    expect(code).toBe(1);

    // Annotations: one workflow command per finding, with the location in the message too.
    const annotations = out.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toMatch(/^::warning file=dags\/bad\.py,line=11,endLine=11,col=5,endColumn=\d+,title=missing-retries::dags\/bad\.py:11:5: missing-retries /);
    expect(annotations[1]).toMatch(/^::warning file=dags\/bad\.py,line=12,endLine=12,col=5,endColumn=\d+,title=missing-retries::/);
    expect(annotations[2]).toMatch(/^::error file=dags\/bad\.py,line=12,endLine=12,col=\d+,endColumn=\d+,title=duplicate-task-id::dags\/bad\.py:12:\d+: duplicate-task-id task_id "a"/);

    const outputs = parseOutputs(readFileSync(r.outputFile, 'utf8'));
    const sarifPath = path.join(r.root, 'reports/airlint.sarif');
    expect(outputs).toEqual({ errors: '1', warnings: '2', infos: '0', problems: '3', 'sarif-file': sarifPath, 'exit-code': '1' });

    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]!.results;
    expect(results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['missing-retries', 'warning', 'dags/bad.py', 11],
      ['missing-retries', 'warning', 'dags/bad.py', 12],
      ['duplicate-task-id', 'error', 'dags/bad.py', 12],
    ]);
    // Every rule is described, as `airlint check --format sarif` does, not only the ones that fired.
    expect(sarif.runs[0]!.tool.driver.rules.length).toBeGreaterThan(40);

    const summary = readFileSync(r.summaryFile, 'utf8');
    expect(summary).toContain('## airlint');
    expect(summary).toContain('Found 1 error, 2 warnings in 1 file (2 files checked).');
    expect(summary).toContain('| [`duplicate-task-id`](https://github.com/airlint/airlint/blob/main/rules/duplicate-task-id.md) | error | 1 |');
    expect(summary).toContain('| [`missing-retries`](https://github.com/airlint/airlint/blob/main/rules/missing-retries.md) | warning | 2 |');
    expect(summary).toMatch(/\| \[dags\/bad\.py:12:\d+\]\(https:\/\/github\.com\/acme\/pipelines\/blob\/0123456789abcdef0123456789abcdef01234567\/dags\/bad\.py#L12\) \| error \| `duplicate-task-id` \| task\\_id "a" is already used/);
  });

  it('passes below fail-on, prints plain lines without annotations and writes no SARIF unless asked', async () => {
    const r = runner({ 'dags/bad.py': BAD.replace('    BashOperator(task_id="a", bash_command="echo again")\n', '') }, { paths: 'dags', 'fail-on': 'error', annotations: 'false' });
    const { code, out } = await act(r);
    expect(code).toBe(0);
    expect(out).not.toContain('::');
    expect(out).toMatch(/^dags\/bad\.py:11:\d+: warning missing-retries /m);
    expect(parseOutputs(readFileSync(r.outputFile, 'utf8'))).toMatchObject({ errors: '0', warnings: '1', infos: '0', 'sarif-file': '' });
  });

  it('uses the configuration fail-on when the input is empty, and reads extra args', async () => {
    const r = runner({ 'dags/bad.py': BAD, 'pyproject.toml': '[tool.airlint]\nfail-on = "never"\n' }, { paths: '', args: '--ignore duplicate-task-id' });
    const { code, out } = await act(r);
    expect(code).toBe(0);
    expect(out).not.toContain('duplicate-task-id');
    expect(parseOutputs(readFileSync(r.outputFile, 'utf8'))).toMatchObject({ errors: '0', warnings: '2' });
  });

  it('reports a clean run', async () => {
    const r = runner({ 'dags/good.py': CLEAN }, { paths: 'dags' });
    expect((await act(r)).code).toBe(0);
    expect(parseOutputs(readFileSync(r.outputFile, 'utf8'))).toMatchObject({ errors: '0', warnings: '0', infos: '0', problems: '0' });
    expect(readFileSync(r.summaryFile, 'utf8')).toBe('## airlint\n\nAll checks passed (1 file).\n\n');
  });

  it('accepts the underscore spelling action.yml passes through env', async () => {
    const r = runner({ 'dags/bad.py': BAD }, { paths: 'dags' });
    r.env.INPUT_FAIL_ON = 'never';
    expect((await act(r)).code).toBe(0);
  });

  it('exits 2 with an error annotation on a bad input or a bad fail-on', async () => {
    const bad = runner({ 'dags/good.py': CLEAN }, { annotations: 'yes' });
    const r1 = await act(bad);
    expect(r1.code).toBe(2);
    expect(r1.out).toBe('::error title=airlint::input "annotations" must be true or false (got "yes")\n');
    const level = runner({ 'dags/good.py': CLEAN }, { 'fail-on': 'sometimes' });
    const r2 = await act(level);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('--fail-on must be error, warning, info or never');
    expect(r2.out).toContain('::error title=airlint::airlint exited with code 2');
    expect(readFileSync(level.outputFile, 'utf8')).toBe('');
  });
});

describe('action helpers', () => {
  it('writes multi-line outputs in the heredoc form', () => {
    expect(outputCommand('n', '3')).toBe('n=3\n');
    expect(outputCommand('m', 'a\nb')).toMatch(/^m<<(ghadelimiter_[0-9a-f-]{36})\na\nb\n\1\n$/);
  });

  it('splits inputs like a shell', () => {
    expect(splitWords(' dags  "my dags/x.py"\nother\\ dir \'a b\' ')).toEqual(['dags', 'my dags/x.py', 'other dir', 'a b']);
    expect(() => splitWords('"open')).toThrow(/unterminated/);
  });

  it('keeps the job summary under its size budget, escaping Markdown in messages', () => {
    const diagnostics = Array.from({ length: 5000 }, (_, i) => ({
      path: 'dags/x.py', rule: 'missing-retries', category: 'retries' as const, severity: 'warning' as const,
      message: `task "t_${i}" | <b>${'x'.repeat(400)}</b>`, line: i + 1, column: 1, endLine: i + 1, endColumn: 2,
    }));
    const result: RunResult = { diagnostics, sources: new Map(), summary: { files: 1, dags: 1, tasks: 5000, suppressed: 0 }, toolVersion: '0' };
    const text = jobSummary(result, {}, 20_000, 100_000);
    expect(Buffer.byteLength(text)).toBeLessThan(20_000);
    expect(text).toContain('more findings not shown here');
    expect(text).toContain('task "t\\_0" \\| \\<b\\>');
    expect(jobSummary(result, {})).toContain('### Findings (first 100 of 5000)');
  });
});
