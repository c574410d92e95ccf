// The tree-sitter Python parser (web-tree-sitter + the grammar shipped in tree-sitter-python).
// Pure: the grammar arrives as bytes or a path chosen by the caller, so this module imports no node:*.
import { Language, Parser, type Edit, type Node, type Tree } from 'web-tree-sitter';
import type { Range } from '../engine/types.js';
import { lexicalProblems } from './lexical.js';

export type { Node, Tree };

let initialised: Promise<void> | null = null;

/** A ready Python parser; one per thread, reused for every file. */
export class PythonParser {
  private constructor(private readonly parser: Parser) {}

  static async create(grammar: string | Uint8Array): Promise<PythonParser> {
    initialised ??= Parser.init();
    await initialised;
    const language = await Language.load(grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    return new PythonParser(parser);
  }

  /**
   * Parses a file. The caller must call `dispose()` on the result to free the tree's memory.
   * With `previous` (the same document before an edit), tree-sitter reparses incrementally: only the
   * changed region is parsed again, and the result tells the model what changed (`takeReparse`), so
   * it can keep what it derived from the rest. `previous` stays valid and is still the caller's to
   * dispose. `editable` says the caller keeps this parse for the next edit (the language server); a
   * parse made from a previous one always is.
   */
  parse(source: string, previous?: ParsedFile | null, editable = false): ParsedFile {
    // Python (and every editor) ends a line at a lone CR too; tree-sitter counts rows by LF only. A lone
    // CR becomes an LF (same length, same offsets), so lines and columns are Python's.
    const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
    if (!previous) return new ParsedFile(text, this.tree(text, null), editable);
    previous.takeReparse(); // never a chain of parses kept alive through each other
    const old = previous.tree.copy();
    try {
      const edit = textEdit(previous.text, text);
      old.edit(edit);
      const tree = this.tree(text, old);
      const changed = old.getChangedRanges(tree).map((r) => ({ start: r.startIndex, end: r.endIndex }));
      return new ParsedFile(text, tree, true, { previous, edit, changed });
    } finally {
      old.delete();
    }
  }

  private tree(text: string, old: Tree | null): Tree {
    const tree = this.parser.parse(text, old);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
}

/** How an incremental parse differs from the parse it was made from. */
export interface Reparse {
  previous: ParsedFile;
  /** The one text edit between them (UTF-16 offsets). */
  edit: Edit;
  /** Where the syntax changed beyond the edit, in the new text (tree-sitter's changed ranges). */
  changed: { start: number; end: number }[];
}

/** The single edit that turns `before` into `after` (common prefix and suffix kept), in tree-sitter's terms. */
export function textEdit(before: string, after: string): Edit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return {
    startIndex: start,
    oldEndIndex: before.length - suffix,
    newEndIndex: after.length - suffix,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, before.length - suffix),
    newEndPosition: pointAt(after, after.length - suffix),
  };
}

/** Row and UTF-16 column of an offset, as web-tree-sitter counts them. */
export function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

export interface SyntaxProblem extends Range {
  message: string;
  /**
   * The string literals on the problem's lines. The security rules do not run on a file that does not
   * parse, so a code frame of the problem masks them all: whatever secret is on the line stays hidden.
   */
  literals?: Range[];
}

/** Maximum number of syntax-error regions reported per file. */
export const MAX_SYNTAX_PROBLEMS = 10;

export class ParsedFile {
  private problems: SyntaxProblem[] | null = null;

  constructor(
    readonly text: string,
    readonly tree: Tree,
    /** Kept for the next edit: worth remembering what is derived from it. */
    readonly editable = false,
    private reparse: Reparse | null = null,
  ) {}

  /** What changed since the parse this one was made from (once: the previous parse is then let go). */
  takeReparse(): Reparse | null {
    const r = this.reparse;
    this.reparse = null;
    return r;
  }

  get root(): Node {
    return this.tree.rootNode;
  }

  /** ERROR and MISSING regions, and Python 2 statements tree-sitter accepts but Python 3 does not. */
  syntaxProblems(): SyntaxProblem[] {
    // CPython stops at the first error; tree-sitter recovers and may place its ERROR node before the
    // real culprit. The lexical pass finds indentation, missing-colon and Python 2 errors exactly, so
    // when it finds any, those are the file's problems.
    if (!this.problems) {
      const lexical = lexicalProblems(this.text, MAX_SYNTAX_PROBLEMS);
      let problems = lexical.length > 0 ? lexical : collectSyntaxProblems(this.root, PY2_HINT.test(this.text));
      if (problems.length === 0 && ESCAPE_HINT.test(this.text)) problems = escapeProblems(this.root);
      if (problems.length > 0) withLiterals(this.root, problems);
      this.problems = problems;
    }
    return this.problems;
  }

  dispose(): void {
    this.tree.delete();
  }
}

/**
 * The range of a node whose text the caller has read: its end follows from the text, without asking
 * tree-sitter again (each question is a call into WebAssembly).
 */
export function rangeWithText(node: Node, text: string): Range {
  const start = node.startPosition;
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return { line: start.row + 1, column: start.column + 1, endLine: start.row + 1, endColumn: start.column + 1 + text.length };
  let breaks = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks++;
  return { line: start.row + 1, column: start.column + 1, endLine: start.row + 1 + breaks, endColumn: text.length - lastBreak };
}

export function rangeOf(node: Node): Range {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

const PY2_STATEMENTS: Record<string, string> = {
  print_statement: 'Python 2 print statement; use print(...)',
  exec_statement: 'Python 2 exec statement; use exec(...)',
};

/** Cheap pre-check: only files with something like a Python 2 statement need a full walk for one. */
const PY2_HINT = /^[ \t]*(?:print|exec)[ \t]+[^\s(=.,)]/m;

function collectSyntaxProblems(root: Node, lookForPy2: boolean): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  if (!root.hasError && !lookForPy2) return out;
  const cursor = root.walk();
  for (;;) {
    const node = cursor.currentNode;
    let skipChildren = false;
    if (node.isMissing) {
      out.push({ ...rangeOf(node), message: `invalid syntax: expected ${JSON.stringify(node.type)}` });
      skipChildren = true;
    } else if (node.type === 'ERROR' && !node.children.some((c) => c?.hasError)) {
      // Only the innermost ERROR regions: recovery can wrap a whole file around one bad token.
      out.push({ ...rangeOf(node), message: describeError(node) });
      skipChildren = true;
    } else if (PY2_STATEMENTS[node.type] && !isPrintChevron(node)) {
      out.push({ ...rangeOf(node), message: `invalid syntax: ${PY2_STATEMENTS[node.type]}` });
      skipChildren = true;
    }
    if (out.length >= MAX_SYNTAX_PROBLEMS) break;
    const descend = !skipChildren && node.childCount > 0 && (node.hasError || lookForPy2);
    if (descend && cursor.gotoFirstChild()) continue;
    let moved = false;
    while (!moved) {
      if (cursor.gotoNextSibling()) moved = true;
      else if (!cursor.gotoParent()) {
        cursor.delete();
        return out;
      }
    }
  }
  cursor.delete();
  return out;
}

/** `print >> f, x` parses as a Python 2 print statement but is a valid Python 3 expression. */
function isPrintChevron(node: Node): boolean {
  return node.type === 'print_statement' && node.children.some((c) => c?.type === 'chevron');
}

function describeError(node: Node): string {
  const first = node.firstChild;
  const token = first && first.childCount === 0 ? first.text : node.text.split(/\s/, 1)[0] ?? '';
  // A string literal is never quoted: it may be a secret, and the security rules do not run here.
  if (/^[rRbBuUfF]{0,2}["']/.test(token) || first?.type === 'string' || first?.type === 'string_start') return 'invalid syntax near a string literal';
  const shown = token.length > 20 ? `${token.slice(0, 20)}…` : token;
  return shown ? `invalid syntax near ${JSON.stringify(shown)}` : 'invalid syntax';
}

/** Marks each problem with the string literals on its lines (see SyntaxProblem.literals). */
function withLiterals(root: Node, problems: SyntaxProblem[]): void {
  const first = Math.min(...problems.map((p) => p.line)) - 1;
  const last = Math.max(...problems.map((p) => p.endLine)) - 1;
  const literals = root.descendantsOfType(['string', 'string_content'], { row: first, column: 0 }, { row: last + 1, column: 0 }).filter((n): n is Node => !!n).map(rangeOf);
  for (const p of problems) {
    const mine = literals.filter((r) => r.line <= p.endLine && r.endLine >= p.line);
    if (mine.length > 0) p.literals = mine;
  }
}

/** Only text with a `\x`, `\u`, `\U` or `\N` can hold an escape CPython rejects. */
const ESCAPE_HINT = /\\[xuUN]/;

/**
 * Escapes CPython rejects at compile time ("truncated \xXX escape", "illegal Unicode character"):
 * tree-sitter reads them as plain text. Raw strings have no escapes; bytes have no \u, \U or \N.
 */
function escapeProblems(root: Node): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  for (const node of root.descendantsOfType('string')) {
    if (!node || out.length >= MAX_SYNTAX_PROBLEMS) continue;
    const prefix = /^[a-zA-Z]*/.exec(node.firstChild?.text ?? '')![0].toLowerCase();
    if (prefix.includes('r')) continue;
    const bytes = prefix.includes('b');
    for (const part of node.namedChildren) {
      if (part?.type !== 'string_content') continue;
      const t = part.text;
      for (let i = t.indexOf('\\'); i >= 0 && i < t.length; i = t.indexOf('\\', i + 2)) {
        const problem = badEscape(t, i, bytes);
        if (!problem) continue;
        const before = t.slice(0, i).split('\n');
        const line = part.startPosition.row + before.length;
        const column = before.length === 1 ? part.startPosition.column + i + 1 : before[before.length - 1]!.length + 1;
        out.push({ line, column, endLine: line, endColumn: column + 2, message: `invalid string literal: ${problem}` });
        break;
      }
    }
  }
  return out;
}

function badEscape(t: string, i: number, bytes: boolean): string | null {
  const kind = t[i + 1];
  const hex = (n: number): string | null => (new RegExp(`^[0-9a-fA-F]{${n}}`).test(t.slice(i + 2, i + 2 + n)) ? t.slice(i + 2, i + 2 + n) : null);
  if (kind === 'x') return hex(2) === null ? 'truncated \\xXX escape' : null;
  if (bytes) return null;
  if (kind === 'u') return hex(4) === null ? 'truncated \\uXXXX escape' : null;
  if (kind === 'U') {
    const h = hex(8);
    if (h === null) return 'truncated \\UXXXXXXXX escape';
    return parseInt(h, 16) > 0x10ffff ? 'illegal Unicode character' : null;
  }
  if (kind === 'N') return /^\{[^}\n]+\}/.test(t.slice(i + 2)) ? null : 'malformed \\N character escape';
  return null;
}
