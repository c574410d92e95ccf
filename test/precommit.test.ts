// The pre-commit hooks end to end: a real pre-commit installs this repository's hooks the way users
// get them (`language: node`: npm installs the repository from git and runs its bin) and runs them
// in a temporary project. Needs pre-commit: .ci/run installs it into .precommit-venv/.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Installing the hook (npm install of the repository, a TypeScript build) takes about 25 s warm. */
const TIMEOUT = 240_000;

const CLEAN = `from datetime import datetime
from airflow import DAG
from airflow.operators.bash import BashOperator


def alert(context):
    print(context)


with DAG("clean", schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False, default_args={"retries": 2, "on_failure_callback": alert}):
    BashOperator(task_id="a", bash_command="echo")
`;
const BAD = `${CLEAN}    BashOperator(task_id="a", bash_command="echo again")\n`;

/** A deterministic git: no user or system configuration, a fixed identity. */
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'airlint test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'airlint test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = GIT_ENV): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function ok(cmd: string, args: string[], cwd: string): string {
  const r = sh(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}${r.error ?? ''}`);
  return r.stdout;
}

/** .ci/run's venv, else a pre-commit on PATH. */
function findPreCommit(): string | null {
  const venv = path.join(REPO, '.precommit-venv', 'bin', 'pre-commit');
  if (existsSync(venv)) return venv;
  return sh('pre-commit', ['--version'], REPO).status === 0 ? 'pre-commit' : null;
}

/**
 * The hook repository: this working tree (tracked and new files, as git would commit them) committed
 * into a fresh git repository, so the test checks the hooks and package.json about to be committed.
 */
function hookRepository(root: string): { dir: string; rev: string } {
  const dir = path.join(root, 'hooksrc');
  const listed = ok('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO).split('\0').filter(Boolean);
  for (const rel of new Set(listed)) {
    const from = path.join(REPO, rel);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted, or a submodule
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    copyFileSync(from, path.join(dir, rel));
  }
  ok('git', ['init', '-q'], dir);
  ok('git', ['add', '-A'], dir);
  ok('git', ['commit', '-q', '--no-verify', '-m', 'airlint working tree'], dir);
  return { dir, rev: ok('git', ['rev-parse', 'HEAD'], dir).trim() };
}

describe('pre-commit hooks', () => {
  it(
    'airlint and airlint-project fail on a bad DAG with its findings and pass once it is fixed',
    () => {
      const preCommit = findPreCommit();
      if (!preCommit) {
        expect.fail('pre-commit not found: run .ci/run (it creates .precommit-venv/), or `python3 -m venv .precommit-venv && .precommit-venv/bin/pip install pre-commit`');
      }
      const root = mkdtempSync(path.join(tmpdir(), 'airlint-precommit-'));
      const hooks = hookRepository(root);

      const project = path.join(root, 'project');
      mkdirSync(path.join(project, 'dags'), { recursive: true });
      ok('git', ['init', '-q'], project);
      writeFileSync(
        path.join(project, '.pre-commit-config.yaml'),
        [
          'repos:',
          `  - repo: ${JSON.stringify(hooks.dir)}`,
          `    rev: ${hooks.rev}`,
          '    hooks:',
          '      - id: airlint',
          '        language_version: system',
          '      - id: airlint-project',
          '        language_version: system',
          '',
        ].join('\n'),
      );
      writeFileSync(path.join(project, 'dags', 'bad.py'), BAD);
      ok('git', ['add', '-A'], project);
      ok('git', ['commit', '-q', '--no-verify', '-m', 'a bad DAG'], project);

      // Its own pre-commit home: the hook environment is installed from scratch.
      const env = { ...GIT_ENV, PRE_COMMIT_HOME: path.join(root, 'cache'), PRE_COMMIT_COLOR: 'never' };
      const started = Date.now();
      const failing = sh(preCommit, ['run', '--color', 'never', '--files', 'dags/bad.py'], project, env);
      const installed = Date.now();
      const output = `${failing.stdout}${failing.stderr}`;
      expect(output, output).not.toContain('An unexpected error has occurred');
      expect(failing.status, output).toBe(1);
      expect(output).toMatch(/^airlint\.+Failed$/m);
      expect(output).toMatch(/^airlint \(project\)\.+Failed$/m);
      expect(output).toMatch(/^dags\/bad\.py:12:\d+: error duplicate-task-id {2}task_id "a" is already used in DAG "clean" \(line 11\)$/m);

      writeFileSync(path.join(project, 'dags', 'bad.py'), CLEAN);
      ok('git', ['add', '-A'], project);
      const passing = sh(preCommit, ['run', '--color', 'never', '--files', 'dags/bad.py'], project, env);
      const passOutput = `${passing.stdout}${passing.stderr}`;
      expect(passing.status, passOutput).toBe(0);
      expect(passOutput).toMatch(/^airlint\.+Passed$/m);
      expect(passOutput).toMatch(/^airlint \(project\)\.+Passed$/m);
      console.log(`pre-commit: install + first run ${((installed - started) / 1000).toFixed(1)} s, second run ${((Date.now() - installed) / 1000).toFixed(1)} s`);
    },
    TIMEOUT,
  );
});
