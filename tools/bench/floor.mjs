// The floor: parse-only with the parser and grammar airlint uses (web-tree-sitter + the
// tree-sitter-python wasm from dist's grammarPath()), in one process. Reads each file of the list
// from disk as UTF-8 (as the CLI does), parses it and deletes the tree. Prints one JSON line.
//
//   node tools/bench/floor.mjs FILE_LIST     (one absolute path a line)
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Language, Parser } from 'web-tree-sitter';
import { grammarPath } from '../../dist/src/grammar.js';

const started = performance.now();
const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(grammarPath()));
const ready = performance.now();
let parseMs = 0;
let chars = 0;
for (const file of files) {
  const text = await readFile(file, 'utf8');
  const t0 = performance.now();
  const tree = parser.parse(text);
  if (!tree) throw new Error(`no tree for ${file}`);
  tree.delete();
  parseMs += performance.now() - t0;
  chars += text.length;
}
console.log(JSON.stringify({ files: files.length, chars, initMs: ready - started, parseMs, totalMs: performance.now() - started }));
