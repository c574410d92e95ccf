// The worker pool and the cache, through the built command line (worker threads run the built
// JavaScript; `npm test` builds first): output identical whatever the job count and whether the cache
// is cold, warm, stale or corrupt; a dying worker costs only its file.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.join(import.meta.dirname, '..');
const bin = path.join(repo, 'bin', 'airlint.js');
let work: string;

function airlint(args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...args], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  // A project of realistic files: the clean corpus, the examples and the multi-file fixture projects.
  work = mkdtempSync(path.join(tmpdir(), 'airlint-parallel-'));
  cpSync(path.join(repo, 'fixtures', 'corpus', 'clean'), path.join(work, 'dags', 'corpus'), { recursive: true });
  cpSync(path.join(repo, 'fixtures', 'examples'), path.join(work, 'dags', 'examples'), { recursive: true });
  rmSync(path.join(work, 'dags', 'examples', 'airlint.toml'));
  cpSync(path.join(repo, 'fixtures', 'projects', 'cycle-trigger-pair'), path.join(work, 'dags', 'pair'), { recursive: true });
  rmSync(path.join(work, 'dags', 'pair', 'airlint.toml'));
  // Two settings for the workers to keep apart: the files under corpus/aws ignore one rule.
  writeFileSync(path.join(work, 'airlint.toml'), 'select = ["all"]\n\n[per-file-ignores]\n"dags/corpus/aws/**" = ["missing-execution-timeout"]\n');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('parallel linting', () => {
  it('gives the same report with 1 and 2 workers', () => {
    const one = airlint(['--no-cache', '--jobs', '1', 'dags']);
    const two = airlint(['--no-cache', '--jobs', '2', 'dags']);
    expect(one.err).toBe('');
    expect(two.err).toBe('');
    expect(JSON.parse(one.out).diagnostics.length).toBeGreaterThan(20);
    expect(two.out).toBe(one.out);
    expect(two.code).toBe(one.code);
    // Each file was linted with its own settings.
    const timeouts = (JSON.parse(two.out) as { diagnostics: { path: string; rule: string }[] }).diagnostics.filter((d) => d.rule === 'missing-execution-timeout');
    expect(timeouts.filter((d) => d.path.startsWith('dags/corpus/aws/'))).toEqual([]);
    expect(timeouts.filter((d) => d.path.startsWith('dags/corpus/core/')).length).toBeGreaterThan(10);
  });

  it('gives the same report when reading waits for the workers at every file and workers are replaced after every file', () => {
    const reference = airlint(['--no-cache', '--no-project', '--jobs', '2', 'dags/examples']);
    const squeezed = airlint(['--no-cache', '--no-project', '--jobs', '2', 'dags/examples'], { AIRLINT_TEST_READ_AHEAD_CHARS: '1', AIRLINT_TEST_RECYCLE_CHARS: '1' });
    expect(JSON.parse(reference.out).diagnostics.length).toBeGreaterThan(20);
    expect(squeezed.err).toBe('');
    expect(squeezed.out).toBe(reference.out);
    expect(squeezed.code).toBe(reference.code);
  });

  it('a worker that dies costs only its file: an internal error naming it (exit 3), every other file linted', () => {
    const whole = JSON.parse(airlint(['--no-cache', '--jobs', '1', 'dags']).out) as { diagnostics: { path: string }[] };
    const r = airlint(['--no-cache', '--jobs', '2', 'dags'], { AIRLINT_TEST_WORKER_EXIT: 'lambda_cache_warmup' });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/internal error on dags\/corpus\/aws\/lambda_cache_warmup\.py: the worker analysing this file stopped/);
    const got = JSON.parse(r.out) as { diagnostics: { path: string }[] };
    expect(got.diagnostics).toEqual(whole.diagnostics.filter((d) => !d.path.endsWith('lambda_cache_warmup.py')));
  });
});

describe('the cache', () => {
  const cacheDir = (): string => path.join(work, 'cache');

  it('cold, warm and after an edit: the same report as without a cache', () => {
    rmSync(cacheDir(), { recursive: true, force: true });
    const reference = airlint(['--no-cache', 'dags']);
    const cold = airlint(['--cache-dir', 'cache', 'dags']);
    expect(cold.out).toBe(reference.out);
    expect(readFileSync(path.join(cacheDir(), '.gitignore'), 'utf8')).toContain('*');
    const pack = (): number => statSync(path.join(cacheDir(), 'analyses.v8')).ino;
    const written = pack();
    const warm = airlint(['--cache-dir', 'cache', 'dags']);
    expect(warm.out).toBe(reference.out);
    // Nothing new: the pack is left as it is (a write replaces it with a new file).
    expect(pack()).toBe(written);
    // An edit that adds a trigger loop: the edited file and the project rules see it.
    const file = path.join(work, 'dags', 'pair', 'dags', 'sync', 'crm_to_erp.py');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, before.replace(/trigger_dag_id="[^"]+"/, 'trigger_dag_id="nowhere_dag"'));
      const edited = airlint(['--cache-dir', 'cache', 'dags']);
      expect(pack()).not.toBe(written);
      expect(edited.out).toBe(airlint(['--no-cache', 'dags']).out);
      expect(edited.out).not.toBe(reference.out);
    } finally {
      writeFileSync(file, before);
    }
    expect(airlint(['--cache-dir', 'cache', 'dags']).out).toBe(reference.out);
  });

  it('a corrupt cache is reported with its path, ignored and rebuilt; it never changes the report', () => {
    const reference = airlint(['--no-cache', 'dags']);
    airlint(['--cache-dir', 'cache', 'dags']);
    const pack = path.join(cacheDir(), 'analyses.v8');
    const bytes = readFileSync(pack);
    for (const damaged of [bytes.subarray(0, bytes.length >> 1), Buffer.concat([bytes.subarray(0, 40), Buffer.from('garbage'), bytes.subarray(47)]), Buffer.from('not a cache')]) {
      writeFileSync(pack, damaged);
      const r = airlint(['--cache-dir', 'cache', 'dags']);
      expect(r.err).toContain(`ignoring the cache ${pack}`);
      expect(r.out).toBe(reference.out);
      expect(r.code).toBe(reference.code);
      const again = airlint(['--cache-dir', 'cache', 'dags']);
      expect(again.err).toBe('');
      expect(again.out).toBe(reference.out);
    }
  });

  it('a file only indexed (not given) is re-read when it changes: the given file sees its new dag_id', () => {
    const dir = path.join(work, 'dags', 'stat');
    mkdirSync(dir, { recursive: true });
    const dag = (id: string): string => `from airflow import DAG\nwith DAG(dag_id="${id}", schedule=None):\n    pass\n`;
    writeFileSync(path.join(dir, 'a.py'), dag('stat_a'));
    writeFileSync(path.join(dir, 'b.py'), dag('stat_b'));
    const dup = (): number => (JSON.parse(airlint(['--cache-dir', 'cache', '--select', 'duplicate-dag-id', 'dags/stat/a.py']).out) as { diagnostics: unknown[] }).diagnostics.length;
    try {
      expect(dup()).toBe(0);
      expect(dup()).toBe(0); // b.py now comes from the cache without being read
      writeFileSync(path.join(dir, 'b.py'), `${dag('stat_a')}# now a duplicate\n`);
      expect(dup()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
