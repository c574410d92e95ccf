// Every string literal in the file with what it is bound to: the keyword argument, dict key,
// variable or environment variable it sets, and the call it belongs to. Security rules read these:
// a secret pasted into a python_callable body leaks as surely as one in a DAG argument, so this
// covers the whole file (not only what runs at import time), in one cursor traversal.
import type { Node, Point } from 'web-tree-sitter';
import type { Range } from '../engine/types.js';
import { pointAt, rangeOf, type ParsedFile, type Reparse } from '../parse/parser.js';
import { parseStringLiteral } from './evaluate.js';
import { NodeMemo } from './node-memo.js';
import { unknown } from './values.js';

export interface StringBinding {
  /** The decoded literal. */
  value: string;
  /** The string literal itself. */
  loc: Range;
  kind: 'keyword' | 'dict-entry' | 'assignment' | 'environ' | 'argument' | 'other';
  /** Keyword name, dict key, variable name or environment variable name; null for `other`. */
  name: string | null;
  /** The keyword argument, dict pair or assignment that binds it: where findings start. */
  bindingLoc: Range;
  /** Qualified name of the call the value is passed to (directly, or nested in a dict argument). */
  callee: string | null;
  /** Keyword and dict keys from the call down to the value, e.g. ["extra", "password"]. */
  path: string[];
  /** Position among the call's positional arguments, for `argument`. */
  argIndex: number | null;
  /** For a dict entry: where its dict literal starts (entries of one dict share it). */
  container?: number;
  /** The literal is (or contains) a Jinja template: `{{ conn.x.password }}` is a reference, not a secret. */
  templated: boolean;
}

const TRANSPARENT = new Set(['parenthesized_expression', 'list', 'tuple', 'set', 'expression_list', 'concatenated_string']);

function resolveCallee(fn: Node | null, imports: ReadonlyMap<string, string>): string | null {
  if (!fn) return null;
  const text = fn.text.replace(/\s+/g, '');
  if (!/^[A-Za-z_][\w.]*$/.test(text)) return null;
  const [head, ...rest] = text.split('.');
  const base = imports.get(head!) ?? head!;
  return [base, ...rest].join('.');
}

function keyText(node: Node | null): string | null {
  if (!node || node.type !== 'string') return null;
  const v = parseStringLiteral(node, () => unknown('', null));
  return v.k === 'known' && v.py.t === 'str' ? v.py.v : null;
}

/** The context of a value node: climbs through parentheses, lists and dicts to a binding. */
/**
 * What the bindings ask of the tree, asked of tree-sitter once per node (see NodeMemo), and what a
 * call's strings share: its callee and its positional arguments.
 */
class TreeMemo extends NodeMemo {
  private readonly positional = new Map<number, number[]>();
  private readonly callees = new Map<number, string | null>();

  constructor(private readonly imports: ReadonlyMap<string, string>) {
    super();
  }

  /** The qualified name of what `call` calls (null: not a call, or not a plain name). */
  callee(call: Node | null): string | null {
    if (!call) return null;
    let name = this.callees.get(call.id);
    if (name === undefined) this.callees.set(call.id, (name = this.type(call) === 'call' ? this.qualified(call.childForFieldName('function')) : null));
    return name;
  }

  /** A dotted name with its import resolved (`Conn` -> `airflow.models.Connection`); null when not a plain name. */
  qualified(node: Node | null): string | null {
    return resolveCallee(node, this.imports);
  }

  /** The ids of an argument list's positional arguments. */
  positionalIds(argList: Node): number[] {
    let ids = this.positional.get(argList.id);
    if (!ids) {
      ids = argList.namedChildren.filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument').map((c) => c!.id);
      this.positional.set(argList.id, ids);
    }
    return ids;
  }
}

/** The range from `parent`'s start to the end of `valueLoc`: a keyword argument, dict pair or assignment ends where its value does. */
function throughValue(parent: Node, valueLoc: Range): Range {
  return { line: parent.startPosition.row + 1, column: parent.startPosition.column + 1, endLine: valueLoc.endLine, endColumn: valueLoc.endColumn };
}

function bindingOf(valueNode: Node, valueLoc: Range, memo: TreeMemo, climb: { top: Node }): Omit<StringBinding, 'value' | 'loc' | 'templated'> {
  let node = valueNode;
  let cur: Node | null = valueNode;
  // `climb.top` is the highest node looked at: nothing outside it can change the binding.
  const up = (): Node | null => {
    if (!cur) return null;
    const p = memo.parent(cur);
    if (p) climb.top = p;
    return (cur = p);
  };
  const path: string[] = [];
  let first: { kind: StringBinding['kind']; name: string | null; bindingLoc: Range; argIndex: number | null; container?: number } | null = null;
  for (let depth = 0; depth < 12; depth++) {
    const parent = up();
    if (!parent) break;
    const type = memo.type(parent);
    if (TRANSPARENT.has(type)) {
      node = parent;
      continue;
    }
    if (type === 'pair' && parent.childForFieldName('value')?.id === node.id) {
      const key = keyText(parent.childForFieldName('key'));
      if (key !== null) path.unshift(key);
      const dict = up();
      first ??= { kind: 'dict-entry', name: key, bindingLoc: node === valueNode ? throughValue(parent, valueLoc) : rangeOf(parent), argIndex: null, ...(dict && memo.type(dict) === 'dictionary' ? { container: dict.startIndex } : {}) };
      if (!dict) break;
      node = dict;
      continue;
    }
    if (type === 'keyword_argument') {
      const name = parent.childForFieldName('name')?.text ?? null;
      if (name) path.unshift(name);
      first ??= { kind: 'keyword', name, bindingLoc: node === valueNode ? throughValue(parent, valueLoc) : rangeOf(parent), argIndex: null };
      up(); // the argument list
      return { ...first, callee: memo.callee(up()), path };
    }
    if (type === 'argument_list') {
      const call = up();
      const index = memo.positionalIds(parent).indexOf(node.id);
      first ??= { kind: 'argument', name: null, bindingLoc: rangeOf(node), argIndex: index < 0 ? null : index };
      return { ...first, callee: memo.callee(call), path };
    }
    if ((type === 'assignment' || type === 'augmented_assignment') && parent.childForFieldName('right')?.id === node.id) {
      const left = parent.childForFieldName('left');
      const leftType = left && memo.type(left);
      if (left && leftType === 'identifier') first ??= { kind: 'assignment', name: left.text, bindingLoc: rangeOf(parent), argIndex: null };
      else if (left && leftType === 'subscript') {
        const target = memo.qualified(left.childForFieldName('value'));
        const sub = keyText(left.childForFieldName('subscript'));
        if (target === 'os.environ') first ??= { kind: 'environ', name: sub, bindingLoc: rangeOf(parent), argIndex: null };
        else first ??= { kind: 'dict-entry', name: sub, bindingLoc: rangeOf(parent), argIndex: null };
      } else if (left && leftType === 'attribute') first ??= { kind: 'assignment', name: left.childForFieldName('attribute')?.text ?? null, bindingLoc: rangeOf(parent), argIndex: null };
      break;
    }
    break;
  }
  return { ...(first ?? { kind: 'other', name: null, bindingLoc: rangeOf(valueNode), argIndex: null }), callee: null, path };
}

/** A string literal seen, its binding (null: not a value, e.g. a docstring) and the part of the tree the binding read. */
interface Entry {
  start: number;
  end: number;
  /** Offsets of the highest node the binding looked at (-1 when not remembered). */
  scopeStart: number;
  scopeEnd: number;
  binding: StringBinding | null;
}

/** What was collected for a parse the language server keeps, so the next edit re-reads only what it touched. */
const remembered = new WeakMap<ParsedFile, { imports: ReadonlyMap<string, string>; entries: Entry[] }>();

/**
 * The bindings of every literal string, skipping docstrings (comments hold no string nodes). The search
 * for string nodes runs inside tree-sitter: walking every node from JavaScript costs far more. After an
 * edit of a parse kept for editing, only the strings whose binding the edit (or the syntax it changed)
 * can reach are collected again; the others are moved with the text.
 */
export function collectStrings(parsed: ParsedFile, imports: ReadonlyMap<string, string>): StringBinding[] {
  const reparse = parsed.takeReparse();
  const before = reparse ? remembered.get(reparse.previous) : undefined;
  const entries = before && sameMap(before.imports, imports) ? update(parsed, imports, before.entries, reparse!) : scan(parsed, imports, parsed.editable, null);
  if (parsed.editable) remembered.set(parsed, { imports, entries });
  const out: StringBinding[] = [];
  for (const e of entries) if (e.binding) out.push(e.binding);
  return out;
}

/** Collects the strings of the tree, or of those overlapping `range` (offsets and points of its ends). */
function scan(parsed: ParsedFile, imports: ReadonlyMap<string, string>, remember: boolean, range: { from: Point; to: Point } | null): Entry[] {
  const out: Entry[] = [];
  const memo = new TreeMemo(imports);
  const root = parsed.root;
  let containerEnd = -1;
  const found = range ? root.descendantsOfType(STRING_TYPES, range.from, range.to) : root.descendantsOfType(STRING_TYPES);
  for (const node of found) {
    if (!node) continue;
    // Parts of a concatenation, and strings inside an f-string's braces, belong to their container.
    if (node.startIndex < containerEnd) continue;
    containerEnd = node.endIndex;
    const parent = memo.parent(node);
    const climb = { top: parent ?? node };
    const entry: Entry = { start: node.startIndex, end: containerEnd, scopeStart: -1, scopeEnd: -1, binding: null };
    out.push(entry);
    if (!(parent && memo.type(parent) === 'expression_statement' && parent.namedChildCount === 1)) {
      const v = node.type === 'string' ? parseStringLiteral(node, () => unknown('interpolation', null)) : concatenated(node);
      if (v !== null && v.k === 'known' && v.py.t === 'str' && v.py.v.length > 0) {
        const loc = v.loc ?? rangeOf(node);
        entry.binding = { value: v.py.v, loc, templated: /\{\{.*\}\}|\{%.*%\}/s.test(v.py.v), ...bindingOf(node, loc, memo, climb) };
      }
    }
    if (remember) {
      entry.scopeStart = climb.top.startIndex;
      entry.scopeEnd = climb.top.endIndex;
    }
  }
  return out;
}

const STRING_TYPES = ['string', 'concatenated_string'];

/** The entries of `parsed` from those of the parse it was edited from: kept and moved where the edit cannot reach, else collected again. */
function update(parsed: ParsedFile, imports: ReadonlyMap<string, string>, old: readonly Entry[], { edit, changed }: Reparse): Entry[] {
  const s = edit.startIndex;
  const oe = edit.oldEndIndex;
  const delta = edit.newEndIndex - oe;
  // The region to collect again (new offsets): the edit, the syntax it changed, and the scope of every binding they touch.
  let lo = s;
  let hi = edit.newEndIndex;
  for (const c of changed) {
    lo = Math.min(lo, c.start);
    hi = Math.max(hi, c.end);
  }
  // Old offsets in the new text (those inside the replaced text go to its edges).
  const newStart = (x: number): number => (x <= s ? x : x >= oe ? x + delta : s);
  const newEnd = (x: number): number => (x < s ? x : x >= oe ? x + delta : edit.newEndIndex);
  const moved: (Entry | null)[] = old.map((e) => {
    const a = newStart(e.scopeStart);
    const b = newEnd(e.scopeEnd);
    const touched = (e.scopeEnd >= s && e.scopeStart <= oe) || changed.some((c) => b >= c.start && a <= c.end);
    if (!touched) return e.scopeStart > oe ? shifted(e, edit) : e;
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
    return null;
  });
  // One character more on each side: strings that start or end at the region's edge are collected again too.
  lo = Math.max(0, lo - 1);
  hi = Math.min(parsed.text.length, hi + 1);
  if (hi <= lo || hi === 0) return scan(parsed, imports, true, null);
  const kept = moved.filter((e): e is Entry => e !== null && (e.end <= lo || e.start >= hi));
  const fresh = scan(parsed, imports, true, { from: pointAt(parsed.text, lo), to: pointAt(parsed.text, hi) });
  // Both lists are in text order and do not overlap: merge them.
  const out: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < fresh.length) out.push(j >= fresh.length || (i < kept.length && kept[i]!.start < fresh[j]!.start) ? kept[i++]! : fresh[j++]!);
  return out;
}

/** An entry moved with the text (it lies wholly after the edited text). */
function shifted(e: Entry, edit: Reparse['edit']): Entry {
  const delta = edit.newEndIndex - edit.oldEndIndex;
  const b = e.binding;
  return {
    start: e.start + delta,
    end: e.end + delta,
    scopeStart: e.scopeStart + delta,
    scopeEnd: e.scopeEnd + delta,
    binding: b && {
      ...b,
      loc: movedRange(b.loc, edit),
      bindingLoc: movedRange(b.bindingLoc, edit),
      ...(b.container === undefined ? {} : { container: b.container + delta }),
    },
  };
}

/** A range after the edited text, where it is after the edit (lines shift; columns too on the edit's last line). */
function movedRange(r: Range, edit: Reparse['edit']): Range {
  const oldLine = edit.oldEndPosition.row + 1;
  const dLine = edit.newEndPosition.row - edit.oldEndPosition.row;
  const dCol = edit.newEndPosition.column - edit.oldEndPosition.column;
  return {
    line: r.line + dLine,
    column: r.line === oldLine ? r.column + dCol : r.column,
    endLine: r.endLine + dLine,
    endColumn: r.endLine === oldLine ? r.endColumn + dCol : r.endColumn,
  };
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function concatenated(node: Node): ReturnType<typeof parseStringLiteral> | null {
  let s = '';
  for (const part of node.namedChildren) {
    if (!part || part.type !== 'string') continue;
    const v = parseStringLiteral(part, () => unknown('interpolation', null));
    if (v.k !== 'known' || v.py.t !== 'str') return null;
    s += v.py.v;
  }
  return { k: 'known', py: { t: 'str', v: s }, loc: rangeOf(node) };
}
