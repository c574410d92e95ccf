// A fuzz campaign: runs test/fuzz.test.ts with many inputs per property (fast-check).
// Usage: npm run fuzz [-- --runs N] [--seed S]
//   --runs N    inputs per property (default 20000; the test suite's default run is a few hundred)
//   --seed S    fast-check seed (default: a new one each campaign, printed first)
// A failure prints fast-check's seed and path and the shrunk counterexample; replay it with
//   AIRLINT_FUZZ_SEED=<seed> AIRLINT_FUZZ_PATH=<path> npx vitest run test/fuzz.test.ts
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20000' }, seed: { type: 'string' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${values.runs})`);
const seed = values.seed ?? String(Math.floor(Math.random() * 0x7fffffff));
console.log(`airlint fuzz campaign: ${runs} inputs per property, seed ${seed}`);

const require = createRequire(import.meta.url);
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const env = { ...process.env, AIRLINT_FUZZ_RUNS: String(runs), AIRLINT_FUZZ_SEED: seed };
const started = Date.now();
const r = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz.test.ts', '--testTimeout=0'], { stdio: 'inherit', env, cwd: path.join(import.meta.dirname, '..') });
console.log(`seed ${seed}: ${r.status === 0 ? 'no failure' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = r.status ?? 1;
