// Suppression comments:
//   trailing `# airlint: ignore[a, b] -- reason`  → diagnostics that start on that line
//   own-line `# airlint: ignore[a]`               → the whole next statement, however many lines
//   `# airlint: ignore-file[a]` (anywhere)         → the whole file
import type { Node } from 'web-tree-sitter';
import { rangeOf } from '../parse/parser.js';
import type { Diagnostic, Range } from './types.js';

export interface Directive {
  kind: 'line' | 'next-statement' | 'file';
  /** The comment. */
  loc: Range;
  rules: string[];
  /** Lines covered (inclusive); the whole file for `file`. */
  fromLine: number;
  toLine: number;
  reason: string | null;
}

export interface InvalidDirective {
  loc: Range;
  message: string;
}

export interface SuppressionReport {
  /** Directive entries (directive, rule) that suppressed nothing, for rules that ran on this file. */
  unused: { directive: Directive; rule: string }[];
  invalid: InvalidDirective[];
}

const DIRECTIVE = /#\s*airlint\s*:\s*(.*)$/;
const FORM = /^(ignore-file|ignore)\s*(?:\[([^\]]*)\])?\s*(?:--\s*(.*))?$/;

/** Finds suppression directives in comments. `knownRules` tells valid rule ids from typos. */
export function parseDirectives(root: Node, text: string, knownRules: ReadonlySet<string>): { directives: Directive[]; invalid: InvalidDirective[] } {
  const directives: Directive[] = [];
  const invalid: InvalidDirective[] = [];
  if (!text.includes('airlint')) return { directives, invalid };
  const lines = text.split('\n');
  lines.forEach((lineText, i) => {
    const hashAt = lineText.indexOf('#');
    if (hashAt < 0 || !lineText.includes('airlint')) return;
    const node = root.descendantForPosition({ row: i, column: Math.max(0, lineText.search(/#\s*airlint\s*:/)) });
    if (!node || node.type !== 'comment') return;
    const m = DIRECTIVE.exec(node.text);
    if (!m) return;
    const loc = rangeOf(node);
    const body = m[1]!.trim();
    const f = FORM.exec(body);
    if (!f) {
      invalid.push({ loc, message: `unrecognised airlint directive "${body}"; use "airlint: ignore[rule-id]" or "airlint: ignore-file[rule-id]"` });
      return;
    }
    const [, kindWord, list, reason] = f;
    if (list === undefined || list.trim() === '') {
      invalid.push({ loc, message: `"airlint: ${kindWord}" needs a rule list, e.g. "airlint: ${kindWord}[missing-retries]"; blanket suppressions are not allowed` });
      return;
    }
    const rules: string[] = [];
    for (const raw of list.split(',')) {
      const id = raw.trim();
      if (!id) continue;
      if (!knownRules.has(id)) invalid.push({ loc, message: `unknown rule "${id}" in suppression` });
      else rules.push(id);
    }
    if (rules.length === 0) return;
    const base = { loc, rules, reason: reason?.trim() || null };
    if (kindWord === 'ignore-file') {
      directives.push({ ...base, kind: 'file', fromLine: 1, toLine: Number.MAX_SAFE_INTEGER });
      return;
    }
    const ownLine = lineText.slice(0, node.startPosition.column).trim() === '';
    if (!ownLine) {
      directives.push({ ...base, kind: 'line', fromLine: i + 1, toLine: i + 1 });
      return;
    }
    const stmt = nextStatement(root, node);
    if (stmt) directives.push({ ...base, kind: 'next-statement', fromLine: stmt.startPosition.row + 1, toLine: stmt.endPosition.row + 1 });
    else directives.push({ ...base, kind: 'line', fromLine: i + 2, toLine: i + 2 });
  });
  return { directives, invalid };
}

/** The statement that follows an own-line comment: its next named sibling that is not a comment. */
function nextStatement(root: Node, comment: Node): Node | null {
  for (let n: Node | null = comment.nextNamedSibling; n; n = n.nextNamedSibling) {
    if (n.type !== 'comment') return n;
  }
  // A comment that ends a block: the next statement is after the block, in an enclosing one.
  for (let p: Node | null = comment.parent; p && p.id !== root.id; p = p.parent) {
    for (let n: Node | null = p.nextNamedSibling; n; n = n.nextNamedSibling) if (n.type !== 'comment') return n;
  }
  return null;
}

/**
 * Splits diagnostics into kept and suppressed, and tells which directive entries were never used.
 * `ranRules` are the rules that ran on this file (an entry for a rule that did not run is not "unused").
 */
export function applySuppressions(
  diagnostics: Diagnostic[],
  directives: Directive[],
  ranRules: ReadonlySet<string>,
): { kept: Diagnostic[]; suppressed: Diagnostic[]; unused: { directive: Directive; rule: string }[] } {
  const used = new Set<string>();
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const d of diagnostics) {
    let hit = false;
    directives.forEach((dir, i) => {
      if (dir.rules.includes(d.rule) && d.line >= dir.fromLine && d.line <= dir.toLine) {
        used.add(`${i}:${d.rule}`);
        hit = true;
      }
    });
    (hit ? suppressed : kept).push(d);
  }
  const unused: { directive: Directive; rule: string }[] = [];
  directives.forEach((dir, i) => {
    for (const rule of dir.rules) if (ranRules.has(rule) && !used.has(`${i}:${rule}`)) unused.push({ directive: dir, rule });
  });
  return { kept, suppressed, unused };
}
