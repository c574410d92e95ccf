// Every string literal in the file with what it is bound to: the keyword argument, dict key,
// variable or environment variable it sets, and the call it belongs to. Security rules read these:
// a secret pasted into a python_callable body leaks as surely as one in a DAG argument, so this
// covers the whole file (not only what runs at import time), in one cursor traversal.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types.js';
import { rangeOf } from '../parse/parser.js';
import { parseStringLiteral } from './evaluate.js';
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
function bindingOf(
  valueNode: Node,
  imports: ReadonlyMap<string, string>,
  parents: Map<number, Node | null>,
  positional: Map<number, number[]>,
): Omit<StringBinding, 'value' | 'loc' | 'templated'> {
  let node = valueNode;
  let cur: Node | null = valueNode;
  // tree-sitter finds a node's parent by descending from the root: neighbouring strings share ancestors, so remember them.
  const up = (): Node | null => {
    if (!cur) return null;
    let p = parents.get(cur.id);
    if (p === undefined) parents.set(cur.id, (p = cur.parent));
    return (cur = p);
  };
  const path: string[] = [];
  let first: { kind: StringBinding['kind']; name: string | null; bindingLoc: Range; argIndex: number | null; container?: number } | null = null;
  for (let depth = 0; depth < 12; depth++) {
    const parent = up();
    if (!parent) break;
    if (TRANSPARENT.has(parent.type)) {
      node = parent;
      continue;
    }
    if (parent.type === 'pair' && parent.childForFieldName('value')?.id === node.id) {
      const key = keyText(parent.childForFieldName('key'));
      if (key !== null) path.unshift(key);
      const dict = up();
      first ??= { kind: 'dict-entry', name: key, bindingLoc: rangeOf(parent), argIndex: null, ...(dict?.type === 'dictionary' ? { container: dict.startIndex } : {}) };
      if (!dict) break;
      node = dict;
      continue;
    }
    if (parent.type === 'keyword_argument') {
      const name = parent.childForFieldName('name')?.text ?? null;
      if (name) path.unshift(name);
      first ??= { kind: 'keyword', name, bindingLoc: rangeOf(parent), argIndex: null };
      up(); // the argument list
      const call = up();
      return { ...first, callee: call?.type === 'call' ? resolveCallee(call.childForFieldName('function'), imports) : null, path };
    }
    if (parent.type === 'argument_list') {
      const call = up();
      // The ids of the call's positional arguments, once per call (its strings share them).
      let args = positional.get(parent.id);
      if (!args) {
        args = parent.namedChildren.filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument').map((c) => c!.id);
        positional.set(parent.id, args);
      }
      const index = args.indexOf(node.id);
      first ??= { kind: 'argument', name: null, bindingLoc: rangeOf(node), argIndex: index < 0 ? null : index };
      return { ...first, callee: call?.type === 'call' ? resolveCallee(call.childForFieldName('function'), imports) : null, path };
    }
    if ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && parent.childForFieldName('right')?.id === node.id) {
      const left = parent.childForFieldName('left');
      if (left?.type === 'identifier') first ??= { kind: 'assignment', name: left.text, bindingLoc: rangeOf(parent), argIndex: null };
      else if (left?.type === 'subscript') {
        const target = resolveCallee(left.childForFieldName('value'), imports);
        const sub = keyText(left.childForFieldName('subscript'));
        if (target === 'os.environ') first ??= { kind: 'environ', name: sub, bindingLoc: rangeOf(parent), argIndex: null };
        else first ??= { kind: 'dict-entry', name: sub, bindingLoc: rangeOf(parent), argIndex: null };
      } else if (left?.type === 'attribute') first ??= { kind: 'assignment', name: left.childForFieldName('attribute')?.text ?? null, bindingLoc: rangeOf(parent), argIndex: null };
      break;
    }
    break;
  }
  return { ...(first ?? { kind: 'other', name: null, bindingLoc: rangeOf(valueNode), argIndex: null }), callee: null, path };
}

/**
 * Collects the bindings of every literal string, skipping docstrings (comments hold no string nodes).
 * The search for string nodes runs inside tree-sitter: walking every node from JavaScript costs far more.
 */
export function collectStrings(root: Node, imports: ReadonlyMap<string, string>): StringBinding[] {
  const out: StringBinding[] = [];
  const parents = new Map<number, Node | null>();
  const positional = new Map<number, number[]>();
  let containerEnd = -1;
  for (const node of root.descendantsOfType(['string', 'concatenated_string'])) {
    if (!node) continue;
    // Parts of a concatenation, and strings inside an f-string's braces, belong to their container.
    if (node.startIndex < containerEnd) continue;
    containerEnd = node.endIndex;
    const parent = node.parent;
    parents.set(node.id, parent);
    if (parent?.type === 'expression_statement' && parent.namedChildCount === 1) continue;
    const v = node.type === 'string' ? parseStringLiteral(node, () => unknown('interpolation', null)) : concatenated(node);
    if (v === null || v.k !== 'known' || v.py.t !== 'str' || v.py.v.length === 0) continue;
    out.push({ value: v.py.v, loc: v.loc ?? rangeOf(node), templated: /\{\{.*\}\}|\{%.*%\}/s.test(v.py.v), ...bindingOf(node, imports, parents, positional) });
  }
  return out;
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
