// `npm run bench`: airlint's speed against its floor and its peer, on the same files, in one run.
//
// For each synthetic corpus size (and each real folder given with --dir) it measures, as separate
// child processes timed from spawn to exit, with their peak RSS:
//   floor            parse-only with airlint's parser and grammar, one process (tools/bench/floor.mjs)
//   airlint cold     `airlint check DIR --format json -o FILE --no-cache` (default jobs)
//   airlint --jobs   the same with --jobs 1 and --jobs <cores>          (when the CLI has --jobs)
//   airlint warm     a run with --cache-dir, then the timed second run  (when the CLI has --cache-dir)
//   ruff native      ruff==RUFF_VERSION from PyPI: `ruff check --select AIR --preview`, --no-cache
//                    (cold), then with a cache folder (warm)
//   ruff wasm        @astral-sh/ruff-wasm-nodejs in Node, AIR + preview, every file (tools/bench/ruff-wasm.mjs)
// and prints a table (wall time, files/s, MB/s, ratio to the floor, peak RSS), the targets as
// PASS/FAIL lines, and writes everything as JSON (the path is printed).
//
//   npm run bench                                  all three sizes (100, 1,000, 10,000 files)
//   npm run bench -- --quick                       100 and 1,000 files, one run each
//   npm run bench -- --sizes 1000 --dir ~/dags     one size plus a real folder (--sizes none: only the folder)
//   options: --seed N, --repeat N, --skip ruff,wasm,jobs,warm, --json FILE, --no-build, --build
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpus, DEFAULT_SEED, DEFAULT_SIZES, GENERATOR_VERSION } from './corpus.mjs';
import { BIN, coreCount, ensureBuilt, fmt, gitDescribe, machine, median, nativeRuff, ROOT, rssMethod, RUFF_VERSION, runMeasured, table, tempDir, WORK } from './lib.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    dir: { type: 'string', multiple: true },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    repeat: { type: 'string' },
    quick: { type: 'boolean' },
    skip: { type: 'string', default: '' },
    json: { type: 'string' },
    build: { type: 'boolean' },
    'no-build': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}

const seed = Number(values.seed);
const sizes = values.sizes === 'none' || values.sizes === '' ? [] : values.sizes ? values.sizes.split(',').map((s) => Number(s.trim())) : values.quick ? [100, 1000] : DEFAULT_SIZES;
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--sizes takes a comma list of file counts (got "${values.sizes}")`);
const skip = new Set(values.skip.split(',').map((s) => s.trim()).filter(Boolean));
const cores = coreCount();

// ---------------------------------------------------------------------------------------------------
// Preparation: a current build, the CLI's flags, the peers

const host = machine();
console.log(`airlint benchmark: ${cores} cores (${host.cpuModel}), Node ${process.version}`);
const load = os.loadavg()[0];
if (load > 0.5) console.log(`warning: the machine is busy (load average ${fmt(load)}); timings will be noisy`);
if (!values['no-build']) console.log(ensureBuilt({ force: !!values.build }));

const help = (await runMeasured(process.execPath, [BIN, '--help'])).stdout;
const flags = { jobs: /--jobs\b/.test(help), cacheDir: /--cache-dir\b/.test(help), noCache: /--no-cache\b/.test(help) };
const notes = [];
if (!flags.noCache) notes.push('the CLI has no --no-cache: cold runs run without it');
if (!flags.jobs) notes.push('the CLI has no --jobs yet: the --jobs 1 / --jobs N measurements are skipped');
if (!flags.cacheDir) notes.push('the CLI has no --cache-dir yet: the warm (cached) measurement is skipped');
for (const n of notes) console.log(`note: ${n}`);

// discover() and the pre-filter from the build: the floor parses exactly the files airlint considers.
const { discover, mightContainDag } = await import('../../dist/src/discover/index.js');
const { VERSION } = await import('../../dist/src/index.js');

let ruff = null;
if (!skip.has('ruff')) {
  const r = nativeRuff();
  if (r.error) notes.push(`native ruff skipped: ${r.error}`);
  else ruff = r.ruff;
}
const wasmVersion = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@astral-sh/ruff-wasm-nodejs/package.json'), 'utf8')).version;
if (wasmVersion !== RUFF_VERSION) notes.push(`ruff wasm is ${wasmVersion}, native ruff ${RUFF_VERSION}`);

// Nothing from the caller's environment may change what is measured (AIRLINT_JOBS, RUFF_CACHE_DIR...).
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AIRLINT|RUFF)_/.test(k)));

// ---------------------------------------------------------------------------------------------------
// One folder

/** Every measurement of one folder; each is a function returning the measured run. */
async function benchFolder(name, dir, repeats, synthetic) {
  const loadBefore = os.loadavg()[0];
  const found = await discover(['.'], { cwd: dir });
  const files = found.files.map((f) => f.path);
  let bytes = 0;
  let dagFiles = 0;
  // Reading every file here also puts them all in the page cache before anything is timed.
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    bytes += Buffer.byteLength(text);
    if (mightContainDag(text)) dagFiles++;
  }
  console.log(`\n== ${name}: ${files.length.toLocaleString('en-US')} files, ${fmt(bytes / 1e6, 1)} MB (${dagFiles.toLocaleString('en-US')} pass the DAG pre-filter) in ${dir}`);
  const scratch = tempDir('scratch-');
  const list = path.join(scratch, 'files.txt');
  writeFileSync(list, `${files.join('\n')}\n`);
  const report = (tag) => path.join(scratch, `report-${tag}.json`);
  const airlint = (tag, extra) => [BIN, 'check', '.', '--format', 'json', '-o', report(tag), ...extra];
  const noCache = flags.noCache ? ['--no-cache'] : [];

  /** name -> { label, run(): Promise<run>, prepare?(): Promise<void> } */
  const plan = [];
  plan.push({ key: 'floor', label: 'parse-only floor (1 process)', cmd: process.execPath, args: [path.join(ROOT, 'tools/bench/floor.mjs'), list] });
  plan.push({ key: 'walk', label: 'parse + visit every node once', cmd: process.execPath, args: [path.join(ROOT, 'tools/bench/floor.mjs'), list, '--walk'] });
  plan.push({ key: 'cold', label: 'airlint cold (default jobs)', cmd: process.execPath, args: airlint('cold', noCache), report: 'cold' });
  if (flags.jobs && !skip.has('jobs')) {
    plan.push({ key: 'jobs1', label: 'airlint cold --jobs 1', cmd: process.execPath, args: airlint('jobs1', [...noCache, '--jobs', '1']), report: 'jobs1' });
    if (cores >= 2) plan.push({ key: 'jobs2', label: 'airlint cold --jobs 2', cmd: process.execPath, args: airlint('jobs2', [...noCache, '--jobs', '2']), report: 'jobs2' });
    if (cores > 2) plan.push({ key: `jobs${cores}`, label: `airlint cold --jobs ${cores}`, cmd: process.execPath, args: airlint(`jobs${cores}`, [...noCache, '--jobs', String(cores)]), report: `jobs${cores}` });
  }
  if (flags.cacheDir && !skip.has('warm')) {
    const cacheDir = path.join(scratch, 'airlint-cache');
    plan.push({
      key: 'prime',
      label: 'airlint first run, empty --cache-dir',
      cmd: process.execPath,
      args: airlint('prime', ['--cache-dir', cacheDir]),
      before: () => rmSync(cacheDir, { recursive: true, force: true }),
      report: 'prime',
    });
    plan.push({ key: 'warm', label: 'airlint warm (nothing changed)', cmd: process.execPath, args: airlint('warm', ['--cache-dir', cacheDir]), report: 'warm' });
  }
  if (ruff) {
    const ruffArgs = (tag) => ['check', '.', '--isolated', '--select', 'AIR', '--preview', '--output-format', 'json', '--output-file', report(tag), '--exit-zero'];
    const ruffCache = path.join(scratch, 'ruff-cache');
    plan.push({ key: 'ruffCold', label: `ruff ${RUFF_VERSION} native --no-cache`, cmd: ruff, args: [...ruffArgs('ruffCold'), '--no-cache'] });
    plan.push({ key: 'ruffPrime', label: 'ruff native, empty cache', cmd: ruff, args: [...ruffArgs('ruffPrime'), '--cache-dir', ruffCache], before: () => rmSync(ruffCache, { recursive: true, force: true }) });
    plan.push({ key: 'ruffWarm', label: 'ruff native warm (cache)', cmd: ruff, args: [...ruffArgs('ruffWarm'), '--cache-dir', ruffCache] });
  }
  if (!skip.has('wasm')) plan.push({ key: 'wasm', label: `ruff ${wasmVersion} wasm in Node`, cmd: process.execPath, args: [path.join(ROOT, 'tools/bench/ruff-wasm.mjs'), list] });

  const results = Object.fromEntries(plan.map((p) => [p.key, { label: p.label, command: [p.cmd === process.execPath ? 'node' : p.cmd, ...p.args].join(' '), wallMs: [], cpuMs: [], rssKB: [], codes: [] }]));
  for (let r = 0; r < repeats; r++) {
    for (const p of plan) {
      p.before?.();
      const run = await runMeasured(p.cmd, p.args, { cwd: dir, env: childEnv });
      const res = results[p.key];
      res.wallMs.push(run.wallMs);
      res.rssKB.push(run.rssKB);
      res.cpuMs.push(run.cpuMs);
      res.codes.push(run.code);
      const ok = p.key.startsWith('ruff') || p.key === 'floor' || p.key === 'walk' || p.key === 'wasm' ? run.code === 0 : run.code === 0 || run.code === 1;
      if (!ok) {
        res.error = `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`;
        console.log(`  ! ${p.label}: ${res.error}`);
      }
      if ((p.key === 'floor' || p.key === 'walk' || p.key === 'wasm') && ok) {
        res.detail = JSON.parse(run.stdout.trim().split('\n').pop());
        (res.inProcessMs ??= []).push(res.detail.totalMs);
      }
      if (p.report && existsSync(report(p.report))) {
        const doc = JSON.parse(readFileSync(report(p.report), 'utf8'));
        res.findings = doc.diagnostics.length;
        res.linted = doc.summary?.files;
        res.diagnosticsJson = JSON.stringify(doc.diagnostics);
      }
      if (p.key.startsWith('ruff') && existsSync(report(p.key))) res.findings = JSON.parse(readFileSync(report(p.key), 'utf8')).length;
      process.stdout.write(`  ${p.label.padEnd(40)} ${fmt(run.wallMs / 1000)} s\n`);
    }
  }

  // Every airlint run must print the same findings: job count and cache must not change them.
  const reports = plan.filter((p) => p.report && results[p.key].diagnosticsJson);
  const differing = reports.filter((p) => results[p.key].diagnosticsJson !== results[reports[0].key].diagnosticsJson).map((p) => p.key);
  for (const p of reports) delete results[p.key].diagnosticsJson;
  if (differing.length) console.log(`  ! findings differ from the cold run in: ${differing.join(', ')}`);
  rmSync(scratch, { recursive: true, force: true });

  const floor = median(results.floor.wallMs);
  const rows = [];
  for (const p of plan) {
    const res = results[p.key];
    const wall = median(res.wallMs);
    res.medianMs = wall;
    res.filesPerSec = files.length / (wall / 1000);
    res.mbPerSec = bytes / 1e6 / (wall / 1000);
    res.ratioToFloor = wall / floor;
    res.peakRssMB = Math.max(...res.rssKB.map((k) => k ?? 0)) / 1024 || null;
    res.medianCpuMs = res.cpuMs.every((c) => c !== null) ? median(res.cpuMs) : null;
    rows.push([res.label, fmt(wall / 1000), res.medianCpuMs === null ? '-' : fmt(res.medianCpuMs / 1000), fmt(res.filesPerSec, 0), fmt(res.mbPerSec), fmt(res.ratioToFloor), fmt(res.peakRssMB, 0), res.findings ?? res.detail?.diagnostics ?? '', res.error ? 'error' : '']);
    if (p.key === 'wasm' && res.inProcessMs) {
      // V8 keeps compiling ruff's 30 MB module in the background and the process waits for that
      // before it exits; the time the work itself took, measured inside, is the fairer peer figure.
      const inside = median(res.inProcessMs);
      res.inProcessMedianMs = inside;
      rows.push(['  of which in process (load + check)', fmt(inside / 1000), '', fmt(files.length / (inside / 1000), 0), fmt(bytes / 1e6 / (inside / 1000)), fmt(inside / floor), '', '', '']);
    }
  }
  console.log('');
  console.log(table(
    [{ title: `${name} (median of ${repeats})`, align: 'l' }, { title: 'wall s' }, { title: 'CPU s' }, { title: 'files/s' }, { title: 'MB/s' }, { title: 'x floor' }, { title: 'peak RSS MB' }, { title: 'findings' }, { title: '', align: 'l' }],
    rows,
  ));
  const loadAverage = [loadBefore, os.loadavg()[0]];
  console.log(`  (load average ${fmt(loadBefore)} before, ${fmt(loadAverage[1])} after)`);
  return { name, dir, synthetic, loadAverage, files: files.length, bytes, dagFiles, repeats, findingsIdentical: differing.length === 0, differing, results };
}

// ---------------------------------------------------------------------------------------------------
// The run

const started = Date.now();
const folders = [];
for (const n of sizes) {
  const c = corpus(n, seed);
  console.log(`\ncorpus of ${n} files: ${c.dir} (${c.generated ? 'generated' : 'cached'})`);
  const repeats = values.repeat ? Number(values.repeat) : values.quick ? 1 : n <= 1000 ? 3 : 1;
  folders.push(await benchFolder(`${n.toLocaleString('en-US')} files`, c.dir, repeats, true));
}
for (const d of values.dir ?? []) {
  const abs = path.resolve(process.env.INIT_CWD ?? process.cwd(), d);
  folders.push(await benchFolder(path.basename(abs), abs, values.repeat ? Number(values.repeat) : 1, false));
}

// ---------------------------------------------------------------------------------------------------
// The targets, on the largest synthetic corpus measured

const targets = [];
const largest = [...folders].sort((a, b) => Number(b.synthetic) - Number(a.synthetic) || b.files - a.files)[0];
if (largest) {
  const R = largest.results;
  const m = (k) => (R[k] && !R[k].error ? R[k].medianMs : null);
  const at = `${largest.name}`;
  const full = largest.files >= 10000;
  const add = (name, value, pass, detail) => targets.push({ name, value, pass, detail });
  const why = (flag, part) => (!flags[flag] ? `not measured: no --${flag === 'jobs' ? 'jobs' : 'cache-dir'} in the CLI yet` : skip.has(part) ? `skipped (--skip ${part})` : 'the run failed');
  const oneProcess = m('jobs1') ?? (flags.jobs ? null : m('cold'));
  if (oneProcess === null) add('cold lint in one process <= 1.5 x floor', null, null, why('jobs', 'jobs'));
  else add('cold lint in one process <= 1.5 x floor', oneProcess / m('floor'), oneProcess / m('floor') <= 1.5, `${fmt(oneProcess / 1000)} s vs floor ${fmt(m('floor') / 1000)} s at ${at}${flags.jobs ? ' (--jobs 1)' : ' (the CLI runs in one process)'}`);
  if (m('jobs1') !== null && m('jobs2') !== null) add('2 workers >= 1.7 x faster than 1', m('jobs1') / m('jobs2'), m('jobs1') / m('jobs2') >= 1.7, `--jobs 1 ${fmt(m('jobs1') / 1000)} s, --jobs 2 ${fmt(m('jobs2') / 1000)} s at ${at}`);
  else add('2 workers >= 1.7 x faster than 1', null, null, flags.jobs && !skip.has('jobs') && cores < 2 ? `needs 2 cores (this machine has ${cores})` : why('jobs', 'jobs'));
  if (m('warm') !== null) add('warm run <= 10% of cold', m('warm') / m('cold'), m('warm') / m('cold') <= 0.1, `warm ${fmt(m('warm') / 1000)} s vs cold ${fmt(m('cold') / 1000)} s at ${at}`);
  else add('warm run <= 10% of cold', null, null, why('cacheDir', 'warm'));
  const airlintRss = Math.max(...Object.entries(R).filter(([k, r]) => !k.startsWith('ruff') && k !== 'floor' && k !== 'walk' && k !== 'wasm' && r.peakRssMB).map(([, r]) => r.peakRssMB));
  add(`peak RSS < 400 MB${full ? '' : ' (for 10,000 files; measured on fewer)'}`, airlintRss, full ? airlintRss < 400 : null, `largest airlint run ${fmt(airlintRss, 0)} MB at ${at}`);
  if (m('wasm') !== null) {
    // The peer's in-process time (its process lingers after the work while V8 finishes compiling).
    const wasm = R.wasm.inProcessMedianMs ?? m('wasm');
    add('>= 2 x faster than ruff wasm (same runtime)', wasm / m('cold'), wasm / m('cold') >= 2, `ruff wasm ${fmt(wasm / 1000)} s in process (${fmt(m('wasm') / 1000)} s to exit) vs airlint cold ${fmt(m('cold') / 1000)} s at ${at}`);
  }
  if (m('ruffCold') !== null) add('ratio to native ruff, cold (report only)', m('cold') / m('ruffCold'), 'report', `airlint cold ${fmt(m('cold') / 1000)} s / ruff --no-cache ${fmt(m('ruffCold') / 1000)} s`);
  if (m('ruffWarm') !== null && m('warm') !== null) add('ratio to native ruff, warm (report only)', m('warm') / m('ruffWarm'), 'report', `airlint warm ${fmt(m('warm') / 1000)} s / ruff cached ${fmt(m('ruffWarm') / 1000)} s`);
  else if (m('ruffWarm') !== null) add('ratio to native ruff, warm (report only)', null, 'report', `ruff cached ${fmt(m('ruffWarm') / 1000)} s; no airlint warm run (${why('cacheDir', 'warm')})`);
  if (!full) notes.push(`the targets are defined on 10,000 files; this run's largest corpus is ${at}`);
}
console.log(`\nTargets (issue 8), on ${largest?.name ?? 'nothing'}; ${cores} cores:`);
for (const t of targets) {
  const verdict = t.pass === 'report' ? 'INFO' : t.pass === null ? 'SKIP' : t.pass ? 'PASS' : 'FAIL';
  const value = t.value === null ? '' : t.name.includes('RSS') ? `${fmt(t.value, 0)} MB` : `${fmt(t.value)}x`;
  console.log(`  ${verdict}  ${t.name}: ${value}${value ? ' ' : ''}(${t.detail})`);
}
console.log('  (the language server target, p95 < 50 ms, is measured by `npm run bench:lsp`)');
for (const n of notes) console.log(`note: ${n}`);

const out = values.json ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.json) : path.join(WORK, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const doc = {
  benchmark: 'airlint tools/bench/run.mjs',
  date: new Date().toISOString(),
  machine: host,
  airlint: { version: VERSION, commit: gitDescribe(), cliFlags: flags },
  peers: { ruffNative: ruff ? RUFF_VERSION : null, ruffWasm: wasmVersion },
  corpus: { generatorVersion: GENERATOR_VERSION, seed },
  rss: rssMethod(),
  durationS: (Date.now() - started) / 1000,
  folders,
  targets,
  notes,
};
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`\nJSON: ${out}  (whole run ${fmt(doc.durationS, 0)} s)`);
