// `npm run bench:lsp`: editor latency on a 2,000-line DAG file after one-character edits.
//
// (a) in process: what the language server does per edit, `Linter.lintEdited` (from dist) with the
//     previous parse kept, so tree-sitter reparses incrementally; the full lint of the same file
//     (`lintText`, a fresh parse) is shown beside it.
// (b) end to end: `node bin/airlint.js lsp --stdio` driven over JSON-RPC (vscode-jsonrpc) like an
//     editor: didChange with an incremental one-character edit, timed until publishDiagnostics for
//     that version arrives. The server waits DEBOUNCE_MS after the last change before linting (see
//     src/lsp/server.ts; `airlint lsp` has no setting to change it), so that nominal delay is
//     subtracted; the raw figures are printed too.
// Each edit types one letter inside a word or string at a random place (seeded), and the next one
// deletes it again, so the document stays what it was. Reports p50/p95/max and writes JSON.
//
//   npm run bench:lsp [-- --iterations 200 --warmup 20 --lines 2000 --seed 1 --json FILE --no-build]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { DEFAULT_SEED, editorFile } from './corpus.mjs';
import { BIN, coreCount, ensureBuilt, fmt, gitDescribe, machine, median, percentile, ROOT, table, tempDir, WORK } from './lib.mjs';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    lines: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    json: { type: 'string' },
    'no-build': { type: 'boolean' },
  },
});
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);
const seed = Number(values.seed);

/** The server's debounce (src/lsp/server.ts DEFAULT_DEBOUNCE_MS), read from the build so it stays true. */
function serverDebounceMs() {
  const src = readFileSync(path.join(ROOT, 'dist/src/lsp/server.js'), 'utf8');
  const m = /DEFAULT_DEBOUNCE_MS\s*=\s*(\d+)/.exec(src);
  return m ? Number(m[1]) : null;
}

const host = machine();
console.log(`airlint language server benchmark: ${coreCount()} cores (${host.cpuModel}), Node ${process.version}`);
if (os.loadavg()[0] > 0.5) console.log(`warning: the machine is busy (load average ${fmt(os.loadavg()[0])}); timings will be noisy`);
if (!values['no-build']) console.log(ensureBuilt());

const text = editorFile(seed, Number(values.lines));
const lineCount = text.split('\n').length - 1;
const project = tempDir('lsp-');
mkdirSync(path.join(project, 'dags'), { recursive: true });
writeFileSync(path.join(project, 'airlint.toml'), '# airlint benchmark project: default settings\n');
const file = path.join(project, 'dags', 'orders_platform.py');
writeFileSync(file, text);
console.log(`document: ${lineCount} lines, ${fmt(text.length / 1024, 0)} KB`);

// ---------------------------------------------------------------------------------------------------
// The edits: seeded, one letter typed inside a word or string, then deleted

function rng(s) {
  let state = s >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sequence of edits: { offset, insert } (a letter) or { offset, remove: 1 }, alternating. */
function edits(count) {
  const next = rng(seed * 7919 + 17);
  const out = [];
  for (let k = 0; k < count; k += 2) {
    let at = Math.floor(next() * text.length);
    // Move to the next letter, so the edit lands inside a word or a string, as typing does.
    while (at < text.length && !/[A-Za-z]/.test(text[at])) at++;
    if (at >= text.length) at = text.indexOf('dag_id');
    const letter = 'etaoinshrdlu'[Math.floor(next() * 12)];
    out.push({ offset: at, insert: letter }, { offset: at, remove: 1 });
  }
  return out.slice(0, count);
}

function apply(doc, e) {
  return e.insert !== undefined ? doc.slice(0, e.offset) + e.insert + doc.slice(e.offset) : doc.slice(0, e.offset) + doc.slice(e.offset + e.remove);
}

/** An LSP position (line, UTF-16 character) of an offset: the parser's own point, as the server counts. */
function position(doc, offset) {
  const { row, column } = pointAt(doc, offset);
  return { line: row, character: column };
}

const summary = (xs) => ({ n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length });

// ---------------------------------------------------------------------------------------------------
// (a) In process

const { Linter, defaultSettings } = await import('../../dist/src/index.js');
const { pointAt } = await import('../../dist/src/parse/parser.js');
const linter = await Linter.create();
const settings = defaultSettings();

const full = [];
for (let k = 0; k < warmup + 30; k++) {
  const t0 = performance.now();
  const r = linter.lintText(text, file, settings);
  if (k >= warmup) full.push(performance.now() - t0);
  if (k === 0) console.log(`findings in the document: ${r.diagnostics.length}`);
}

const inProcess = [];
// CPU time of each re-lint too: unlike wall time, other work on the machine barely changes it.
const inProcessCpu = [];
{
  let doc = text;
  let previous = linter.lintEdited(doc, file, settings, null).parsed;
  const seq = edits(warmup + iterations);
  for (let k = 0; k < seq.length; k++) {
    doc = apply(doc, seq[k]);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { parsed } = linter.lintEdited(doc, file, settings, previous);
    const dt = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    previous.dispose();
    previous = parsed;
    if (k >= warmup) {
      inProcess.push(dt);
      inProcessCpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  previous.dispose();
}

// ---------------------------------------------------------------------------------------------------
// (b) End to end through `airlint lsp --stdio`

const debounce = serverDebounceMs();
const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: project, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    w(p);
  }
});
connection.onRequest('client/registerCapability', () => null);
connection.onNotification('window/logMessage', () => {});
connection.onNotification('window/showMessage', () => {});
connection.listen();
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

const uri = pathToFileURL(file).href;
const rootUri = pathToFileURL(project).href;
await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {} });
await connection.sendNotification('initialized', {});
let version = 1;
const opened = published(version);
const t0open = performance.now();
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
const first = await opened;
const openMs = performance.now() - t0open;

const endToEnd = [];
{
  let doc = text;
  const seq = edits(warmup + iterations);
  for (let k = 0; k < seq.length; k++) {
    const e = seq[k];
    const start = position(doc, e.offset);
    const end = e.insert !== undefined ? start : position(doc, e.offset + e.remove);
    doc = apply(doc, e);
    version++;
    const got = published(version);
    const t0 = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start, end }, text: e.insert ?? '' }],
    });
    await got;
    if (k >= warmup) endToEnd.push(performance.now() - t0);
  }
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
rmSync(project, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------
// Report

const sA = summary(inProcess);
const sAcpu = summary(inProcessCpu);
const sF = summary(full);
const sB = summary(endToEnd);
const sBnet = debounce === null ? null : summary(endToEnd.map((x) => x - debounce));
const ms = (x) => fmt(x, 1);
const rows = [
  ['(a) in process: lintEdited, incremental reparse', sA.n, ms(sA.p50), ms(sA.p95), ms(sA.max)],
  ['    the same, CPU time of the process', sAcpu.n, ms(sAcpu.p50), ms(sAcpu.p95), ms(sAcpu.max)],
  ['    for comparison: lintText, fresh parse', sF.n, ms(sF.p50), ms(sF.p95), ms(sF.max)],
  [`(b) airlint lsp --stdio, didChange -> diagnostics (raw)`, sB.n, ms(sB.p50), ms(sB.p95), ms(sB.max)],
];
if (sBnet) rows.push([`(b) the same minus the server's ${debounce} ms debounce`, sBnet.n, ms(sBnet.p50), ms(sBnet.p95), ms(sBnet.max)]);
console.log('');
console.log(table([{ title: `${lineCount}-line DAG, one-character edits`, align: 'l' }, { title: 'n' }, { title: 'p50 ms' }, { title: 'p95 ms' }, { title: 'max ms' }], rows));
console.log(`\nfirst diagnostics after didOpen: ${ms(openMs)} ms (${first.diagnostics.length} diagnostics; includes the debounce and the first, full parse)`);
const target = sBnet ?? sA;
const verdict = (x) => (x < 50 ? 'PASS' : 'FAIL');
console.log('\nTarget (issue 8): language server re-lint after an edit, p95 under 50 ms');
console.log(`  ${verdict(sA.p95)}  in process (lintEdited): p95 ${ms(sA.p95)} ms`);
if (sBnet) console.log(`  ${verdict(sBnet.p95)}  end to end, debounce subtracted: p95 ${ms(sBnet.p95)} ms (raw ${ms(sB.p95)} ms with the ${debounce} ms debounce)`);

const out = values.json ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.json) : path.join(WORK, `lsp-results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify({
  benchmark: 'airlint tools/bench/lsp.mjs',
  date: new Date().toISOString(),
  machine: host,
  airlint: { commit: gitDescribe() },
  document: { lines: lineCount, chars: text.length, seed },
  iterations,
  warmup,
  debounceMs: debounce,
  inProcess: { lintEdited: sA, lintEditedCpu: sAcpu, lintTextFull: sF },
  endToEnd: { raw: sB, minusDebounce: sBnet, firstDiagnosticsMs: openMs },
  target: { name: 'p95 < 50 ms', value: target.p95, pass: target.p95 < 50 },
  medianEndToEndMs: median(endToEnd),
}, null, 2)}\n`);
console.log(`\nJSON: ${out}`);
