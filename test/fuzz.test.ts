// Property-based tests (fast-check): generated DAG files and mutated fixtures. For every input no
// exception escapes Linter.lintText, nothing is an internal error, diagnostics are in range of the
// file, sorted and the same on a second run, every output format is valid (JSON parses, SARIF
// validates against the 2.1.0 schema), and the credentials written in generated files never show.
//
// The default run is small and deterministic. A campaign: `npm run fuzz -- --runs 100000`, or set
// AIRLINT_FUZZ_RUNS (inputs per property) and AIRLINT_FUZZ_SEED. fast-check prints the seed and the
// path of a failure; re-run with AIRLINT_FUZZ_SEED=<seed> AIRLINT_FUZZ_PATH=<path> to replay it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Linter } from '../src/index.js';
import { FORMATS, formatResults } from '../src/report/index.js';
import { checkInput, FUZZ_PATH, fuzzSettings, toSettings } from './support/fuzz-check.js';
import { generatedDag } from './support/fuzz-dag.js';
import { applyMutations, fixtureFiles, mutatedFixture } from './support/fuzz-mutate.js';
import { linter } from './support/linter.js';

const RUNS = Number(process.env.AIRLINT_FUZZ_RUNS) || 0;
const SEED = process.env.AIRLINT_FUZZ_SEED ? Number(process.env.AIRLINT_FUZZ_SEED) : 0x5eed_a1f;
const REPLAY = process.env.AIRLINT_FUZZ_PATH;

function params(defaultRuns: number): fc.Parameters<unknown> {
  return { numRuns: RUNS || defaultRuns, seed: SEED, ...(REPLAY ? { path: REPLAY } : {}) };
}

/** Long campaigns get all the time they need. */
const TIMEOUT = RUNS ? 0 : 60_000;

let l: Linter;
beforeAll(async () => {
  l = await linter();
});

describe('fuzz: generated DAG files', () => {
  it('lint without errors, in range, sorted, stable, valid in every format, secrets hidden', () => {
    fc.assert(
      fc.property(generatedDag, fuzzSettings, (g, settings) => {
        checkInput(l, g.text, settings, g.secrets);
      }),
      params(300),
    );
  }, TIMEOUT);

  it('the generator writes DAGs the linter sees, with tasks and edges', () => {
    // A generator that only produced files the model ignores would test nothing.
    const samples = fc.sample(fc.tuple(generatedDag, fuzzSettings), { numRuns: 100, seed: SEED });
    let dags = 0;
    let tasks = 0;
    let secrets = 0;
    const fired = new Set<string>();
    for (const [g, settings] of samples) {
      const r = l.lintText(g.text, 'dags/sample.py', toSettings(settings));
      dags += r.dags;
      tasks += r.tasks;
      secrets += g.secrets.length;
      for (const d of r.diagnostics) fired.add(d.rule);
    }
    expect(dags).toBeGreaterThan(100);
    expect(tasks).toBeGreaterThan(200);
    expect(secrets).toBeGreaterThan(30);
    for (const rule of ['hardcoded-secret', 'hardcoded-aws-credentials', 'credentials-in-uri', 'dag-cycle', 'missing-retries', 'syntax-error']) {
      if (rule !== 'syntax-error') expect(fired, rule).toContain(rule);
    }
  });
});

describe('fuzz: mutated fixture files', () => {
  const fixtures = fixtureFiles();

  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(400);
  });

  it('lint without errors, in range, sorted, stable and valid in every format', () => {
    fc.assert(
      fc.property(mutatedFixture(fixtures), fuzzSettings, (m, settings) => {
        checkInput(l, m.text, settings);
      }),
      params(600),
    );
  }, TIMEOUT);

  it('mutations keep what they do not touch', () => {
    const text = 'a = 1\nb = f(x, "y")\n';
    expect(applyMutations(text, [{ k: 'delete-line', at: 1 }])).toBe('a = 1\n');
    expect(applyMutations(text, [{ k: 'swap-tokens', at: 0, other: 1 }])).toBe('= a 1\nb = f(x, "y")\n');
    expect(applyMutations(text, [{ k: 'truncate', at: 3 }])).toBe('a =');
    expect(applyMutations(text, [{ k: 'repeat-line', at: 0, times: 3 }])).toBe('a = 1\na = 1\na = 1\nb = f(x, "y")\n');
    expect(applyMutations(text, [{ k: 'insert', at: 5, text: '\0' }])).toBe('a = 1\0\nb = f(x, "y")\n');
    expect(applyMutations(text, [{ k: 'replace-line-ends', with: '\r' }])).toBe('a = 1\rb = f(x, "y")\r');
  });
});

describe('fuzz: job counts and the cache', () => {
  // The built command line (worker threads run dist/; `npm test` builds first) on a folder of
  // generated and mutated files: the same report with 1 and 2 workers, with a cold and a warm cache.
  const bin = path.join(import.meta.dirname, '..', 'bin', 'airlint.js');
  const built = existsSync(path.join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js'));

  it.skipIf(!built)('a folder of fuzz inputs gives one report whatever the job count and the cache', () => {
    const n = RUNS ? Math.min(1000, Math.ceil(RUNS / 20)) : 60;
    const generated = fc.sample(generatedDag, { numRuns: n, seed: SEED });
    const mutated = fc.sample(mutatedFixture(fixtureFiles()), { numRuns: n, seed: SEED + 1 });
    const root = mkdtempSync(path.join(tmpdir(), 'airlint-fuzz-project-'));
    try {
      mkdirSync(path.join(root, '.git'));
      mkdirSync(path.join(root, 'dags'));
      writeFileSync(path.join(root, 'airlint.toml'), 'select = ["all"]\n');
      generated.forEach((g, i) => writeFileSync(path.join(root, 'dags', `generated_${i}.py`), g.text));
      mutated.forEach((m, i) => writeFileSync(path.join(root, 'dags', `mutated_${i}.py`), m.text));
      const check = (args: string[]) => {
        const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...args, 'dags'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, maxBuffer: 64 << 20 });
        const stderr = r.stderr.split('\n').filter((l) => l);
        return { code: r.status, out: r.stdout, stderr };
      };
      const reference = check(['--no-cache', '--jobs', '1']);
      expect(reference.stderr).toEqual([]);
      const report = JSON.parse(reference.out) as { diagnostics: { path: string }[]; summary: { files: number } };
      expect(report.summary.files).toBeGreaterThan(n);
      expect(report.diagnostics.length).toBeGreaterThan(n);
      for (const args of [['--no-cache', '--jobs', '2'], ['--jobs', '2'], ['--jobs', '1'], ['--jobs', '2', '--no-project']]) {
        const r = check(args);
        if (args.includes('--no-project')) {
          // Without the project index only cross-file findings may differ.
          expect(r.stderr, args.join(' ')).toEqual([]);
          continue;
        }
        expect(r.stderr, args.join(' ')).toEqual([]);
        expect(r.out, args.join(' ')).toBe(reference.out);
        expect(r.code, args.join(' ')).toBe(reference.code);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, TIMEOUT);
});

describe('regressions found by fuzzing', () => {
  const settings = toSettings({ all: false, airflowVersion: null, connections: null });

  it('syntax-error-end-column: a missing ":" on a bracketed line ends past the end of its line', () => {
    // The lexical pass measures the logical line ("with f(    a") and puts its length on line 1.
    const text = 'with f(\n    a\n';
    const [d] = l.lintText(text, FUZZ_PATH, settings).diagnostics;
    expect(d).toMatchObject({ rule: 'syntax-error', line: 1, endLine: 1 });
    expect(d!.endColumn).toBeLessThanOrEqual('with f('.length + 1);
  });

  it('syntax-error-end-column: an unexpected tab indent ends at its width, not its length', () => {
    const text = 'a\n\tb\n';
    const [d] = l.lintText(text, FUZZ_PATH, settings).diagnostics;
    expect(d).toMatchObject({ rule: 'syntax-error', line: 2, endLine: 2 });
    expect(d!.endColumn).toBeLessThanOrEqual('\tb'.length + 1);
  });

  it('invalid-escape-crash: a truncated or out-of-range \\x, \\u or \\U escape is an internal error', () => {
    // The model's String.fromCodePoint throws RangeError (src/model/evaluate.ts) and the run exits 3.
    // Python rejects all four at compile time ("truncated \\xXX escape", "illegal Unicode character"):
    // a syntax-error finding would match Airflow's import error.
    for (const text of ['x = "\\U"\n', 'x = "\\u12"\n', 'x = "\\x4"\n', 'x = "\\U00110000"\n']) {
      const r = l.lintText(text, FUZZ_PATH, settings);
      expect(r.internalErrors, text).toEqual([]);
    }
  });

  it('terminal-control-characters: code frames print the file\'s control characters (ESC, CR, NUL) to the terminal', () => {
    // A file can recolour, overwrite or hide lines of the report, or send terminal commands.
    const text = 'from airflow import DAG\nwith DAG("x\x1b]0;pwned\x07\x1b[2K\r"):\n    pass\n';
    const r = l.lintText(text, FUZZ_PATH, settings);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const format of FORMATS.filter((f) => f === 'text' || f === 'concise')) {
      const out = formatResults(format, { diagnostics: r.diagnostics, sources: new Map([[FUZZ_PATH, text]]), summary: { files: 1, dags: 1, tasks: 0, suppressed: 0 }, toolVersion: '0' }, { color: false });
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\0-\x08\x0b-\x1f\x7f]/);
    }
  });
});
