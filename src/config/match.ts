// Glob matching for include, exclude and per-file-ignores (picomatch).
//
// Semantics (ruff-like, documented for users):
//   * relative patterns are matched against the path relative to `rootDir` with `/` separators;
//     absolute patterns against the absolute path; a leading "./" and a trailing "/" are ignored;
//   * a pattern without "/" matches the file's name or a folder's name at any depth
//     (`"__init__.py"`, `"*_test.py"`, `"legacy"`);
//   * a pattern matches a file when it matches the file or any folder above it (up to rootDir),
//     so `exclude = ["dags/legacy"]` and `["dags/legacy/**"]` both exclude everything below;
//   * `*` and `**` match dot-files and dot-folders too;
//   * an empty `include` list includes every file.
// Files outside rootDir are matched by their absolute path, so only patterns without "/" and
// patterns starting with "**/" can apply to them.

import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from './resolve.js';

type Test = (candidate: string) => boolean;

interface PatternSet {
  /** Patterns with a "/", against the path relative to rootDir. */
  relative: Test | null;
  /** Absolute patterns, against the absolute path. */
  absolute: Test | null;
  /** Patterns without a "/", against the name of the file or of a folder above it. */
  name: Test | null;
}

interface Compiled {
  include: PatternSet | null;
  exclude: PatternSet | null;
  perFile: { set: PatternSet; rules: Set<string> }[];
}

const compiledCache = new WeakMap<ResolvedConfig, Compiled>();

const toPosix = (p: string): string => p.split(path.sep).join('/');

function compile(patterns: readonly string[]): PatternSet | null {
  if (patterns.length === 0) return null;
  const rel: string[] = [];
  const abs: string[] = [];
  const name: string[] = [];
  for (const raw of patterns) {
    const p = toPosix(raw);
    if (path.isAbsolute(raw) || p.startsWith('/')) abs.push(p);
    else {
      const r = p.replace(/^(\.\/)+/, '').replace(/(.)\/+$/, '$1');
      (r.includes('/') ? rel : name).push(r);
    }
  }
  // picomatch's own `basename` option also applies to patterns with a "/", so names are matched
  // separately.
  const opts = { dot: true, windows: false };
  const build = (list: string[]): Test | null => (list.length > 0 ? picomatch(list, opts) : null);
  return { relative: build(rel), absolute: build(abs), name: build(name) };
}

function compiled(cfg: ResolvedConfig): Compiled {
  let c = compiledCache.get(cfg);
  if (!c) {
    c = {
      include: compile(cfg.include),
      exclude: compile(cfg.exclude),
      perFile: cfg.perFileIgnores.flatMap(({ pattern, rules }) => {
        const set = compile([pattern]);
        return set ? [{ set, rules }] : [];
      }),
    };
    compiledCache.set(cfg, c);
  }
  return c;
}

/** The path and the folders above it, both relative to rootDir (null outside it) and absolute. */
interface Candidates {
  relative: string[] | null;
  absolute: string[];
}

function ancestry(posixPath: string): string[] {
  const out = [posixPath];
  let cur = posixPath;
  for (;;) {
    const cut = cur.lastIndexOf('/');
    if (cut <= 0) break;
    cur = cur.slice(0, cut);
    out.push(cur);
  }
  return out;
}

function candidates(cfg: ResolvedConfig, absPath: string): Candidates {
  const abs = path.resolve(cfg.rootDir, absPath);
  const rel = path.relative(cfg.rootDir, abs);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return {
    relative: inside ? ancestry(toPosix(rel)) : null,
    absolute: ancestry(toPosix(abs)),
  };
}

const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function matches(set: PatternSet, c: Candidates): boolean {
  if (set.name) {
    const test = set.name;
    if ((c.relative ?? c.absolute).some((p) => test(baseName(p)))) return true;
  }
  if (set.relative) {
    const test = set.relative;
    if ((c.relative ?? c.absolute).some((p) => test(p))) return true;
  }
  if (set.absolute) {
    const test = set.absolute;
    if (c.absolute.some((p) => test(p))) return true;
  }
  return false;
}

/** Whether `include`/`exclude` let this file be linted (globs relative to rootDir). */
export function isPathSelected(cfg: ResolvedConfig, absPath: string): boolean {
  const c = compiled(cfg);
  const cand = candidates(cfg, absPath);
  if (c.exclude && matches(c.exclude, cand)) return false;
  return c.include === null || matches(c.include, cand);
}

/**
 * Whether a folder is excluded (so a file walker can skip it without listing it). `include`
 * never prunes folders: a pattern like "dags/**\/*.py" does not match the folder "dags".
 */
export function isDirExcluded(cfg: ResolvedConfig, absDir: string): boolean {
  const c = compiled(cfg);
  return c.exclude !== null && matches(c.exclude, candidates(cfg, absDir));
}

/** Whether `per-file-ignores` turns this rule off for this file (globs relative to rootDir). */
export function isRuleIgnoredForFile(cfg: ResolvedConfig, absPath: string, ruleId: string): boolean {
  const c = compiled(cfg);
  if (c.perFile.length === 0) return false;
  let cand: Candidates | null = null;
  for (const { set, rules } of c.perFile) {
    if (!rules.has(ruleId)) continue;
    cand ??= candidates(cfg, absPath);
    if (matches(set, cand)) return true;
  }
  return false;
}

/** Every rule id that `per-file-ignores` turns off for this file. */
export function ignoredRulesForFile(cfg: ResolvedConfig, absPath: string): Set<string> {
  const out = new Set<string>();
  const c = compiled(cfg);
  if (c.perFile.length === 0) return out;
  const cand = candidates(cfg, absPath);
  for (const { set, rules } of c.perFile) {
    if (matches(set, cand)) for (const id of rules) out.add(id);
  }
  return out;
}
