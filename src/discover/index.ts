/**
 * Which files airlint lints.
 *
 * Inputs are files, folders or globs, resolved against `cwd`:
 * - a file named directly is linted whatever its name, even when git ignores it (as ruff does).
 *   It is still left out when `.airflowignore` matches it (or a folder on its way): Airflow
 *   never loads such a file, so whatever airlint found in it would not be a problem in
 *   production; and pre-commit hands over every changed `.py` file by name, helpers and tests
 *   included. Such files are listed in `excluded`, with the pattern responsible.
 * - a folder is walked for `*.py` files (the same suffix test as Airflow's, case-sensitive),
 *   following symbolic links, skipping `SKIPPED_FOLDERS`, what git ignores and what
 *   `.airflowignore` ignores, without descending into an ignored folder. The folder named is
 *   itself walked even when git ignores it (patterns still apply to what is inside), but not
 *   when `.airflowignore` ignores it (then it is listed in `excluded`).
 * - a glob (when no file or folder has that exact name), e.g. `dags/**\/*.py`, is a walk of its
 *   static base folder keeping the `*.py` files the glob matches (dotfiles included). To lint a
 *   file with another suffix, name it.
 * Zip archives, which Airflow also loads from its DAG folder, are not discovered: airlint cannot
 * lint them. The content heuristic (`mightContainDag`) is the caller's to apply, to files that
 * are not `explicit`.
 *
 * Ignore files: see `gitignore.ts` (git's semantics, nested repositories included) and
 * `airflowignore.ts` (Airflow's, both syntaxes). The `.airflowignore` files that apply are those
 * Airflow would read if its DAG folder were `dagsFolder`; when that is not given, those from the
 * enclosing git repository's root (or from `cwd`, outside a repository) down to each file, and
 * regexp patterns are matched relative to the outermost folder holding one (see
 * `extendAirflowState`).
 *
 * Paths in the result are absolute; `files` is sorted and de-duplicated (a file both named and
 * found by a walk is explicit). A glob's errors carry the glob as given as their `path`.
 * Nothing throws: missing paths, unreadable files, folders and ignore files are `errors`;
 * invalid ignore patterns and symbolic-link loops are `warnings`.
 */

import { type Stats, promises as fsp } from 'node:fs';
import * as path from 'node:path';

import picomatch from 'picomatch';

import type { AirflowRule } from './airflowignore.js';
import { Engine, type WalkFilter, describeError } from './walk.js';

export { mightContainDag } from './heuristic.js';
export { SKIPPED_FOLDERS } from './walk.js';

export interface DiscoverOptions {
  /** Paths are resolved against it. */
  cwd: string;
  /** Default true: `.gitignore` files (nested ones too) and `.git/info/exclude` inside the git repository. */
  respectGitignore?: boolean;
  /** Default true. */
  respectAirflowignore?: boolean;
  /** Default 'regexp' (Airflow 2's default); Airflow 3 defaults to 'glob'. */
  airflowignoreSyntax?: 'regexp' | 'glob';
  /**
   * Airflow's DAG folder, when known (resolved against `cwd`): no `.airflowignore` above it is
   * read, none applies to files outside it, and regexp patterns are matched relative to it, as
   * in Airflow. When absent, it is inferred (see the module comment).
   */
  dagsFolder?: string;
}

export interface DiscoveredFile {
  /** Absolute. */
  path: string;
  /** Named directly on the command line. */
  explicit: boolean;
}

export interface DiscoverProblem {
  path: string;
  message: string;
}

export interface DiscoverResult {
  /** Sorted, de-duplicated. */
  files: DiscoveredFile[];
  /** E.g. a path does not exist, a file or folder cannot be read. Sorted. */
  errors: DiscoverProblem[];
  /** Invalid `.airflowignore` lines (skipped, as Airflow does), symbolic-link loops. Sorted. */
  warnings: DiscoverProblem[];
  /** Named files and folders left out because `.airflowignore` ignores them. Sorted. */
  excluded: { path: string; reason: string }[];
}

function byPath<T extends { path: string }>(a: T, b: T): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  const am = (a as { message?: string }).message ?? '';
  const bm = (b as { message?: string }).message ?? '';
  return am < bm ? -1 : am > bm ? 1 : 0;
}

function reason(rule: AirflowRule): string {
  return `ignored by '${rule.pattern}' in ${rule.source}`;
}

export async function discover(paths: string[], opts: DiscoverOptions): Promise<DiscoverResult> {
  const cwd = path.resolve(opts.cwd);
  const engine = new Engine({
    cwd,
    respectGitignore: opts.respectGitignore ?? true,
    respectAirflowignore: opts.respectAirflowignore ?? true,
    syntax: opts.airflowignoreSyntax ?? 'regexp',
    dagsFolder: opts.dagsFolder === undefined ? null : path.resolve(cwd, opts.dagsFolder),
  });
  const found = new Map<string, boolean>();
  const excluded: DiscoverResult['excluded'] = [];
  const add = (file: string, explicit: boolean): void => {
    found.set(file, (found.get(file) ?? false) || explicit);
  };

  /** The files a walk of `root` keeps, or null when `.airflowignore` ignores `root` itself. */
  const walkFolder = async (root: string, filter: WalkFilter | null): Promise<string[] | null> => {
    const chain = await engine.airflowChain(root, true);
    if (chain.ignoredBy) {
      excluded.push({ path: root, reason: reason(chain.ignoredBy) });
      return null;
    }
    const git = await engine.gitChain(root);
    return engine.walk(root, git, chain.state, filter);
  };

  const one = async (input: string): Promise<void> => {
    const abs = path.resolve(cwd, input);
    let stat: Stats;
    try {
      stat = await fsp.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const scan = picomatch.scan(path.sep === '/' ? input : input.split(path.sep).join('/'));
      if ((code === 'ENOENT' || code === 'ENOTDIR') && scan.isGlob) {
        await glob(input, scan.base, scan.glob);
      } else {
        engine.errors.push({ path: abs, message: describeError('cannot open', e) });
      }
      return;
    }
    if (stat.isDirectory()) {
      for (const file of (await walkFolder(abs, null)) ?? []) add(file, false);
    } else if (stat.isFile()) {
      const chain = await engine.airflowChain(abs, false);
      if (chain.ignoredBy) excluded.push({ path: abs, reason: reason(chain.ignoredBy) });
      else add(abs, true);
    } else {
      engine.errors.push({ path: abs, message: 'cannot open: not a file or folder' });
    }
  };

  const glob = async (input: string, base: string, pattern: string): Promise<void> => {
    const root = path.resolve(cwd, base);
    try {
      if (!(await fsp.stat(root)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    } catch (e) {
      engine.errors.push({ path: input, message: describeError(`no files match: cannot open ${root}`, e) });
      return;
    }
    const match = picomatch(pattern, { dot: true });
    // Each `/` in the glob allows one more level (an upper bound when braces hold slashes).
    const maxDepth = pattern.includes('**') ? Infinity : pattern.split('/').length;
    const files = await walkFolder(root, { match, maxDepth });
    if (files?.length === 0) engine.errors.push({ path: input, message: 'no Python files match this glob' });
    for (const file of files ?? []) add(file, false);
  };

  await Promise.all(paths.map(one));

  const candidates = [...found.keys()];
  const bad = engine.unreadable(candidates);
  const files = candidates
    .filter((p) => !bad.has(p))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((p) => ({ path: p, explicit: found.get(p) ?? false }));

  const dedupe = <T extends { path: string }>(items: T[], key: (t: T) => string): T[] => {
    const seen = new Map<string, T>();
    for (const item of items) seen.set(key(item), item);
    return [...seen.values()].sort(byPath);
  };
  return {
    files,
    errors: dedupe(engine.errors, (e) => `${e.path}\0${e.message}`),
    warnings: [...engine.warnings.values()].sort(byPath),
    excluded: dedupe(excluded, (e) => e.path),
  };
}
