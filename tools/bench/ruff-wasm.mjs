// The in-runtime peer: ruff's wasm build (@astral-sh/ruff-wasm-nodejs) with the AIR rules and preview
// on, checking every file of the list (read from disk as UTF-8) in this one Node process.
// Prints one JSON line.
//
//   node tools/bench/ruff-wasm.mjs FILE_LIST     (one absolute path a line)
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const started = performance.now();
const require = createRequire(import.meta.url);
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const workspace = new Workspace({ lint: { select: ['AIR'], preview: true } }, PositionEncoding.Utf16);
let diagnostics = 0;
let checkMs = 0;
for (const file of files) {
  const text = await readFile(file, 'utf8');
  const t0 = performance.now();
  diagnostics += workspace.check(text).length;
  checkMs += performance.now() - t0;
}
console.log(JSON.stringify({ files: files.length, diagnostics, version: Workspace.version(), checkMs, totalMs: performance.now() - started }));
