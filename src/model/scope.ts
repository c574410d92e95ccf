// Lexical scopes of the interpreter, and merging the scopes of alternative branches.
import type { Value } from './types.js';
import { unknown } from './values.js';

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Names declared `global` in a function scope: assignments go to the module scope. */
  readonly globals = new Set<string>();

  constructor(
    readonly parent: Scope | null,
    readonly kind: 'module' | 'function' | 'class',
  ) {}

  lookup(name: string): Value | undefined {
    const own = this.vars.get(name);
    if (own) return own;
    for (let s = this.parent; s; s = s.parent) {
      // Class bodies are not visible from functions nested in them (Python's scoping rule).
      if (s.kind === 'class') continue;
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  module(): Scope {
    return this.parent ? this.parent.module() : this;
  }

  bind(name: string, value: Value): void {
    if (this.globals.has(name)) this.module().vars.set(name, value);
    else this.vars.set(name, value);
  }
}

/**
 * Runs alternative arms (if/elif/else, except handlers, match cases, loop bodies that may not run)
 * against one scope, then leaves in it, for each name, the value every arm agrees on, or unknown.
 * `fallthrough` means "no arm may run at all" is one of the possibilities.
 */
export function runArms(scope: Scope, arms: (() => void)[], fallthrough: boolean, sameValue: (a: Value, b: Value) => boolean): void {
  const before = new Map(scope.vars);
  const results: Map<string, Value>[] = [];
  for (const arm of arms) {
    scope.vars.clear();
    for (const [k, v] of before) scope.vars.set(k, v);
    arm();
    results.push(new Map(scope.vars));
  }
  if (fallthrough) results.push(before);
  scope.vars.clear();
  const names = new Set<string>();
  for (const r of results) for (const k of r.keys()) names.add(k);
  for (const name of names) {
    const first = results[0]?.get(name);
    const agree = first !== undefined && results.every((r) => {
      const v = r.get(name);
      return v !== undefined && (v === first || sameValue(v, first));
    });
    if (agree && first) scope.vars.set(name, first);
    else {
      const some = results.find((r) => r.get(name))?.get(name);
      scope.vars.set(name, unknown(`"${name}" is assigned differently in alternative branches`, some?.loc ?? null));
    }
  }
}
