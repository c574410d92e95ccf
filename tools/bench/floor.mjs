// The floor: parse-only with the parser and grammar airlint uses (web-tree-sitter + the
// tree-sitter-python wasm from dist's grammarPath()), in one process. Reads each file of the list
// from disk as UTF-8 (as the CLI does), parses it and deletes the tree. Prints one JSON line.
// With --walk, also visits every node of each tree once with a tree cursor, reading its type id and
// offsets: the least any analysis that looks at every node costs through web-tree-sitter.
//
//   node tools/bench/floor.mjs FILE_LIST [--walk]     (one absolute path a line)
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
const walk = process.argv.includes('--walk');
let nodes = 0;

/** Visits every node once (depth first, with a cursor), reading what any analysis reads: type and offsets. */
function visitAll(tree) {
  const cursor = tree.walk();
  let count = 0;
  let sink = 0;
  for (;;) {
    sink += cursor.nodeTypeId + cursor.startIndex + cursor.endIndex;
    count++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return sink >= 0 ? count : 0;
      }
    }
  }
}

let parseMs = 0;
let chars = 0;
for (const file of files) {
  const text = await readFile(file, 'utf8');
  const t0 = performance.now();
  const tree = parser.parse(text);
  if (!tree) throw new Error(`no tree for ${file}`);
  if (walk) nodes += visitAll(tree);
  tree.delete();
  parseMs += performance.now() - t0;
  chars += text.length;
}
console.log(JSON.stringify({ files: files.length, chars, ...(walk ? { nodes } : {}), initMs: ready - started, parseMs, totalMs: performance.now() - started }));
