// Where the Python grammar shipped by tree-sitter-python lives (Node only; the core takes bytes or a path).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function grammarPath(): string {
  return require.resolve('tree-sitter-python/tree-sitter-python.wasm');
}
