// Where an editor can put an airlint suppression comment (see src/engine/suppress.ts for what the
// comments mean): at the end of a line, extending a directive already there, or on a line of its own
// above a simple statement when the line ends inside a string or a line continuation. The language
// server turns these edits into quick fixes; the Python knowledge stays here. Pure module.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types.js';
import type { ParsedFile } from '../parse/parser.js';

/** A text edit in airlint coordinates: 1-based lines, UTF-16 columns, end exclusive. */
export interface TextEdit extends Range {
  newText: string;
}

const LINE_DIRECTIVE = /#\s*airlint\s*:\s*ignore\s*\[([^\]]*)\]/;
const FILE_DIRECTIVE = /#\s*airlint\s*:\s*ignore-file\s*\[([^\]]*)\]/;
const COMPOUND = new Set([
  'if_statement',
  'for_statement',
  'while_statement',
  'try_statement',
  'with_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
  'match_statement',
]);

function lineTexts(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The comment node that ends 0-based `row`, if the line has one. */
function commentOn(parsed: ParsedFile, row: number, lineText: string): Node | null {
  for (let at = lineText.indexOf('#'); at >= 0; at = lineText.indexOf('#', at + 1)) {
    const node = parsed.root.descendantForPosition({ row, column: at });
    if (node?.type === 'comment' && node.startPosition.row === row && node.startPosition.column === at) return node;
  }
  return null;
}

/** Adds `rule` to the list of a directive found by `re` in a comment; null when it is already there. */
function extendList(row: number, commentStart: number, comment: string, re: RegExp, rule: string): TextEdit | null {
  const m = re.exec(comment);
  if (!m) return null;
  const list = m[1]!;
  if (list.split(',').some((r) => r.trim() === rule)) return null;
  const close = commentStart + m.index + m[0].length - 1;
  const newText = list.trim() === '' ? rule : `, ${rule}`;
  return { line: row + 1, column: close + 1, endLine: row + 1, endColumn: close + 1, newText };
}

/** True when the end of this line is inside a string that goes on to a later line. */
function endsInsideString(parsed: ParsedFile, row: number, column: number): boolean {
  for (let n: Node | null = parsed.root.descendantForPosition({ row, column }); n; n = n.parent) {
    if ((n.type === 'string' || n.type === 'concatenated_string') && n.endPosition.row > row) return true;
  }
  return false;
}

/** The innermost statement (a child of the module or a block) holding a position. */
function statementAt(parsed: ParsedFile, row: number, column: number): Node | null {
  for (let n: Node | null = parsed.root.descendantForPosition({ row, column }); n; n = n.parent) {
    const p = n.parent;
    if (p && (p.type === 'module' || p.type === 'block')) return n;
  }
  return null;
}

/**
 * The edit that makes findings of `rule` starting on 1-based `line` suppressed: a trailing
 * `# airlint: ignore[rule]` (or the rule added to one already on the line), else an own-line
 * directive above the simple statement holding the line. Null when no comment can do it without
 * covering more than that statement (the line is part of an `if`/`with`/`def` header, say).
 */
export function ignoreLineEdit(parsed: ParsedFile, line: number, rule: string): TextEdit | null {
  const lines = lineTexts(parsed.text);
  const row = line - 1;
  const text = lines[row];
  if (text === undefined) return null;
  const comment = commentOn(parsed, row, text);
  if (comment) {
    const commentText = text.slice(comment.startPosition.column);
    if (LINE_DIRECTIVE.test(commentText)) return extendList(row, comment.startPosition.column, commentText, LINE_DIRECTIVE, rule);
    // Another tool's comment (`# noqa`, `# type: ignore`): the directive goes after it.
    const end = text.trimEnd().length;
    return { line, column: end + 1, endLine: line, endColumn: text.length + 1, newText: `  # airlint: ignore[${rule}]` };
  }
  const end = text.trimEnd().length;
  if (end === 0) return null;
  if (!text.trimEnd().endsWith('\\') && !endsInsideString(parsed, row, end - 1)) {
    return { line, column: end + 1, endLine: line, endColumn: text.length + 1, newText: `  # airlint: ignore[${rule}]` };
  }
  const indentWidth = text.length - text.trimStart().length;
  const stmt = statementAt(parsed, row, indentWidth);
  if (!stmt || COMPOUND.has(stmt.type)) return null;
  const stmtRow = stmt.startPosition.row;
  const stmtLine = lines[stmtRow] ?? '';
  // `a = 1; b = """...`: a comment above would cover the statement before the semicolon too.
  if (stmtLine.slice(0, stmt.startPosition.column).trim() !== '') return null;
  const indent = stmtLine.slice(0, stmt.startPosition.column);
  return { line: stmtRow + 1, column: 1, endLine: stmtRow + 1, endColumn: 1, newText: `${indent}# airlint: ignore[${rule}]\n` };
}

/**
 * The edit that suppresses `rule` in the whole file: the rule added to an `ignore-file` directive
 * already in the file, else `# airlint: ignore-file[rule]` on a new first line (after a `#!` line
 * and an encoding declaration, which must stay first). Null when the file already ignores the rule.
 */
export function ignoreFileEdit(parsed: ParsedFile, rule: string): TextEdit | null {
  const lines = lineTexts(parsed.text);
  for (let row = 0; row < lines.length; row++) {
    const text = lines[row]!;
    if (!text.includes('airlint')) continue;
    const comment = commentOn(parsed, row, text);
    if (!comment) continue;
    const commentText = text.slice(comment.startPosition.column);
    if (!FILE_DIRECTIVE.test(commentText)) continue;
    const m = FILE_DIRECTIVE.exec(commentText)!;
    if (m[1]!.split(',').some((r) => r.trim() === rule)) return null;
    return extendList(row, comment.startPosition.column, commentText, FILE_DIRECTIVE, rule);
  }
  let row = 0;
  if (lines[0]?.startsWith('#!')) row = 1;
  // PEP 263: the encoding declaration is on line 1 or 2.
  while (row < 2 && row < lines.length && /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(lines[row]!)) row++;
  if (row >= lines.length) {
    // Only a `#!` line, with no newline after it: the directive goes on a new line at the end.
    const last = lines.length - 1;
    const col = (lines[last] ?? '').length + 1;
    return { line: last + 1, column: col, endLine: last + 1, endColumn: col, newText: `\n# airlint: ignore-file[${rule}]\n` };
  }
  return { line: row + 1, column: 1, endLine: row + 1, endColumn: 1, newText: `# airlint: ignore-file[${rule}]\n` };
}
