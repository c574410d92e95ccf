/**
 * The folder walk behind `discover`: one instance per `discover` call, shared by its inputs so
 * that ignore files are read and compiled once.
 */

import type { Dirent } from 'node:fs';
import { accessSync, promises as fsp, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';

import {
  type AirflowRule,
  type AirflowState,
  type AirflowignoreSyntax,
  type Problem,
  EMPTY_AIRFLOW_STATE,
  airflowIgnored,
  extendAirflowState,
  parseAirflowignore,
} from './airflowignore.js';
import { type GitRule, type GitState, gitIgnored, parseGitignore } from './gitignore.js';

/**
 * Folders a walk never enters (a folder named on the command line is still walked). These hold
 * tools' caches, virtual environments and installed packages, never a project's DAGs.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.ruff_cache',
  '.pytest_cache',
  '.airlint-cache',
  'site-packages',
]);

export interface EngineOptions {
  cwd: string;
  respectGitignore: boolean;
  respectAirflowignore: boolean;
  syntax: AirflowignoreSyntax;
  dagsFolder: string | null;
}

/** Which files a walk keeps besides `*.py` ones: a glob's matcher on the path from the root. */
export interface WalkFilter {
  match: (relPosix: string) => boolean;
  maxDepth: number;
}

interface DirTask {
  abs: string;
  real: string;
  depth: number;
  git: GitState | null;
  af: AirflowState;
}

const toPosix: (p: string) => string = path.sep === '/' ? (p) => p : (p) => p.split(path.sep).join('/');

export function joinPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** `abs` relative to its ancestor `dir`, with `/` separators. */
export function relativeTo(dir: string, abs: string): string {
  if (abs === dir) return '';
  return toPosix(abs.slice(dir.endsWith(path.sep) ? dir.length : dir.length + 1));
}

export function isInsideOrEqual(child: string, parent: string): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith(path.sep) ? parent : parent + path.sep;
  return child.startsWith(prefix);
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
  }
}

export function describeError(prefix: string, e: unknown): string {
  return `${prefix}: ${errorText(e)}`;
}

export class Engine {
  readonly errors: Problem[] = [];
  readonly warnings = new Map<string, Problem>();
  private readonly textCache = new Map<string, Promise<string | null>>();
  private readonly airflowRuleCache = new Map<string, Promise<readonly AirflowRule[]>>();
  private readonly gitRuleCache = new Map<string, Promise<readonly GitRule[]>>();
  private readonly gitRootCache = new Map<string, Promise<string | null>>();

  constructor(readonly opts: EngineOptions) {}

  warn = (p: Problem): void => {
    this.warnings.set(`${p.path}\0${p.message}`, p);
  };

  /** A text file's content; null when absent (or a folder); unreadable files are errors. */
  private readText(file: string): Promise<string | null> {
    let pending = this.textCache.get(file);
    if (!pending) {
      pending = fsp.readFile(file).then(
        (buf) => buf.toString('utf8'),
        (e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT' && e.code !== 'EISDIR' && e.code !== 'ENOTDIR') {
            this.errors.push({ path: file, message: describeError('cannot read ignore file', e) });
          }
          return null;
        },
      );
      this.textCache.set(file, pending);
    }
    return pending;
  }

  private airflowRules(folder: string): Promise<readonly AirflowRule[]> {
    const file = joinPath(folder, '.airflowignore');
    let pending = this.airflowRuleCache.get(file);
    if (!pending) {
      pending = this.readText(file).then((text) =>
        text === null ? [] : parseAirflowignore(text, this.opts.syntax, folder, file, this.warn),
      );
      this.airflowRuleCache.set(file, pending);
    }
    return pending;
  }

  private gitRules(file: string): Promise<readonly GitRule[]> {
    let pending = this.gitRuleCache.get(file);
    if (!pending) {
      pending = this.readText(file).then((text) => (text === null ? [] : parseGitignore(text)));
      this.gitRuleCache.set(file, pending);
    }
    return pending;
  }

  /** Whether Airflow would read the `.airflowignore` of this folder (it reads none above its DAG folder). */
  private airflowAllowed(dir: string): boolean {
    return this.opts.dagsFolder === null || isInsideOrEqual(dir, this.opts.dagsFolder);
  }

  private async withAirflowignore(dir: string, state: AirflowState): Promise<AirflowState> {
    if (!this.opts.respectAirflowignore || !this.airflowAllowed(dir)) return state;
    const rules = await this.airflowRules(dir);
    return rules.length === 0 ? state : extendAirflowState(state, rules, dir, this.opts.dagsFolder);
  }

  private async withGitignore(dir: string, state: GitState): Promise<GitState> {
    const rules = await this.gitRules(joinPath(dir, '.gitignore'));
    return rules.length === 0 ? state : { root: state.root, levels: [...state.levels, { dir, rules }] };
  }

  /** The nearest folder at or above `dir` that holds `.git` (a folder, or a file for worktrees and submodules). */
  findGitRoot(dir: string): Promise<string | null> {
    let pending = this.gitRootCache.get(dir);
    if (!pending) {
      pending = fsp.stat(joinPath(dir, '.git')).then(
        () => dir,
        () => {
          const parent = path.dirname(dir);
          return parent === dir ? null : this.findGitRoot(parent);
        },
      );
      this.gitRootCache.set(dir, pending);
    }
    return pending;
  }

  /** A repository's starting patterns: `info/exclude` of its (common) git folder. */
  private async openRepo(root: string): Promise<GitState> {
    let gitDir = joinPath(root, '.git');
    try {
      const st = await fsp.stat(gitDir);
      if (st.isFile()) {
        const m = /^gitdir:\s*(.*?)\s*$/m.exec(await fsp.readFile(gitDir, 'utf8'));
        if (m?.[1]) gitDir = path.resolve(root, m[1]);
      }
      const common = await fsp.readFile(joinPath(gitDir, 'commondir'), 'utf8').then(
        (t) => path.resolve(gitDir, t.trim()),
        () => gitDir,
      );
      gitDir = common;
    } catch {
      // Unreadable `.git`: no info/exclude.
    }
    const rules = await this.gitRules(path.join(gitDir, 'info', 'exclude'));
    return { root, levels: rules.length === 0 ? [] : [{ dir: root, rules }] };
  }

  /**
   * Airflow's view of the folders above `target`: where the chain starts (the DAG folder if
   * given, else the repository root, else `cwd` if it holds the target, else the target's own
   * folder), the rules inherited by `target`, and the rule that ignores `target` or a folder
   * on the way down to it, if any. The target's own `.airflowignore` (for a folder) is not read.
   */
  async airflowChain(target: string, isDir: boolean): Promise<{ state: AirflowState; ignoredBy: AirflowRule | null }> {
    const none = { state: EMPTY_AIRFLOW_STATE, ignoredBy: null };
    if (!this.opts.respectAirflowignore) return none;
    let start: string;
    if (this.opts.dagsFolder !== null) {
      if (!isInsideOrEqual(target, this.opts.dagsFolder)) return none;
      start = this.opts.dagsFolder;
    } else {
      const holder = isDir ? target : path.dirname(target);
      start = (await this.findGitRoot(holder)) ?? (isInsideOrEqual(target, this.opts.cwd) ? this.opts.cwd : holder);
    }
    if (target === start) return none;
    const chain: string[] = [];
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      chain.unshift(dir);
      if (dir === start || path.dirname(dir) === dir) break;
    }
    let state = EMPTY_AIRFLOW_STATE;
    for (let i = 0; i < chain.length; i++) {
      const dir = chain[i] as string;
      state = await this.withAirflowignore(dir, state);
      const child = chain[i + 1] ?? target;
      const childIsDir = i + 1 < chain.length ? true : isDir;
      const rule = airflowIgnored(state, (d) => relativeTo(d, child), path.basename(child), childIsDir);
      if (rule) return { state, ignoredBy: rule };
    }
    return { state, ignoredBy: null };
  }

  /** The git patterns in force inside `root` (not counting `root`'s own `.gitignore`). */
  async gitChain(root: string): Promise<GitState | null> {
    if (!this.opts.respectGitignore) return null;
    const repo = await this.findGitRoot(root);
    if (repo === null) return null;
    let state = await this.openRepo(repo);
    const dirs: string[] = [];
    for (let dir = path.dirname(root); root !== repo && isInsideOrEqual(dir, repo); dir = path.dirname(dir)) {
      dirs.unshift(dir);
      if (dir === repo) break;
    }
    for (const dir of dirs) state = await this.withGitignore(dir, state);
    return state;
  }

  /** Walk `root` (a folder), returning the `*.py` files (and glob matches) it keeps. */
  async walk(root: string, git: GitState | null, af: AirflowState, filter: WalkFilter | null): Promise<string[]> {
    const files: string[] = [];
    const visited = new Set<string>();
    let deferred: Omit<DirTask, 'real'>[] = [];
    const { respectGitignore, respectAirflowignore } = this.opts;

    const walkDir = async (task: DirTask): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await fsp.readdir(task.abs, { withFileTypes: true });
      } catch (e) {
        this.errors.push({ path: task.abs, message: describeError('cannot read folder', e) });
        return;
      }
      let hasGit = false;
      let hasGitignore = false;
      let hasAirflowignore = false;
      const links: Dirent[] = [];
      for (const ent of entries) {
        if (ent.name === '.git') hasGit = true;
        else if (ent.name === '.gitignore') hasGitignore = true;
        else if (ent.name === '.airflowignore') hasAirflowignore = true;
        if (ent.isSymbolicLink()) links.push(ent);
      }
      let { git, af } = task;
      if (respectGitignore) {
        if (hasGit && git?.root !== task.abs) git = await this.openRepo(task.abs);
        if (git && hasGitignore) git = await this.withGitignore(task.abs, git);
      }
      if (respectAirflowignore && hasAirflowignore) af = await this.withAirflowignore(task.abs, af);

      // Symbolic links are followed (as Airflow's os.walk(followlinks=True) does); a broken one is skipped.
      const linkKinds = new Map<string, 'dir' | 'file' | null>();
      await Promise.all(
        links.map(async (ent) => {
          try {
            const st = await fsp.stat(joinPath(task.abs, ent.name));
            linkKinds.set(ent.name, st.isDirectory() ? 'dir' : st.isFile() ? 'file' : null);
          } catch {
            linkKinds.set(ent.name, null);
          }
        }),
      );

      const subdirs: Promise<void>[] = [];
      for (const ent of entries) {
        const { name } = ent;
        const isLink = ent.isSymbolicLink();
        const kind = isLink ? linkKinds.get(name) : ent.isDirectory() ? 'dir' : ent.isFile() ? 'file' : null;
        if (!kind) continue;
        const abs = joinPath(task.abs, name);
        const rel = (dir: string): string => relativeTo(dir, abs);
        if (kind === 'dir') {
          if (SKIPPED_FOLDERS.has(name)) continue;
          if (filter && task.depth + 1 >= filter.maxDepth) continue;
          if (git && gitIgnored(git, rel, name, true)) continue;
          if (af.rules.length > 0 && airflowIgnored(af, rel, name, true)) continue;
          const child = { abs, depth: task.depth + 1, git, af };
          if (isLink) {
            deferred.push(child);
            continue;
          }
          const real = joinPath(task.real, name);
          if (visited.has(real)) {
            this.warn({ path: abs, message: `${real} was already walked through a symbolic link: not walked again` });
            continue;
          }
          visited.add(real);
          subdirs.push(walkDir({ ...child, real }));
        } else {
          if (!name.endsWith('.py') || name === '.py') continue;
          if (filter && !filter.match(rel(root))) continue;
          if (git && gitIgnored(git, rel, name, false)) continue;
          if (af.rules.length > 0 && airflowIgnored(af, rel, name, false)) continue;
          files.push(abs);
        }
      }
      await Promise.all(subdirs);
    };

    let rootReal: string;
    try {
      rootReal = await fsp.realpath(root);
    } catch (e) {
      this.errors.push({ path: root, message: describeError('cannot resolve folder', e) });
      return files;
    }
    visited.add(rootReal);
    await walkDir({ abs: root, real: rootReal, depth: 0, git, af });

    // Folders reached through symbolic links are walked after the real ones, in sorted order, so
    // that which path wins when two lead to the same folder does not depend on timing. A folder
    // reached twice (a link loop, or two links to one folder) is walked once; Airflow's own walk
    // stops with "Detected recursive loop" there, so say so.
    while (deferred.length > 0) {
      const batch = deferred.sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
      deferred = [];
      for (const task of batch) {
        let real: string;
        try {
          real = await fsp.realpath(task.abs);
        } catch (e) {
          this.errors.push({ path: task.abs, message: describeError('cannot resolve symbolic link', e) });
          continue;
        }
        if (visited.has(real)) {
          this.warn({
            path: task.abs,
            message:
              `symbolic link to ${real}, a folder already walked: not walked again ` +
              '(Airflow stops its DAG discovery with "Detected recursive loop" on a folder it reaches twice)',
          });
          continue;
        }
        visited.add(real);
        await walkDir({ ...task, real });
      }
    }
    return files;
  }

  /**
   * Files that cannot be opened for reading become errors. Synchronous on purpose: 10,000
   * `access` calls take ~40 ms this way, four times less than through the libuv thread pool.
   */
  unreadable(files: readonly string[]): Set<string> {
    const bad = new Set<string>();
    for (const file of files) {
      try {
        accessSync(file, fsConstants.R_OK);
      } catch (e) {
        bad.add(file);
        this.errors.push({ path: file, message: describeError('cannot read file', e) });
      }
    }
    return bad;
  }
}
