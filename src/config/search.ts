// Finding and loading config files with cosmiconfig.
//
// SECURITY: airlint.config.{js,mjs,cjs,ts} are JavaScript modules, and loading one runs its code
// with the user's privileges, exactly as ESLint, Prettier and every other cosmiconfig-based tool
// do. Linting an untrusted checkout can therefore run code from it when it carries such a file.
// `--no-config` skips discovery entirely, and the data-only formats (pyproject.toml, airlint.toml,
// .airlintrc, .airlintrc.json/.yaml/.yml, package.json) never run anything.
//
// Discovery: from the linted file's folder upward, the first folder holding one of SEARCH_PLACES
// (in that order of preference within a folder) wins; there is no merging across files. The walk
// stops after the first folder that contains `.git` (a folder, or a file in worktrees and
// submodules), or at the filesystem root outside a repository. Every folder is looked at once per
// loader: results are memoised per folder, so a tree of 10k files costs one lookup per folder.
//
// cosmiconfig also reads "meta" configuration from the process's working folder (a "cosmiconfig"
// key in package.json, or .config/config.{json,yaml,yml,js,...}); that is cosmiconfig's own
// feature and can add search places or hold an "airlint" key. Its `$import` key (merging other
// files) is rejected: airlint reads only the nearest file.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cosmiconfig, defaultLoaders, type Loader } from 'cosmiconfig';
import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError, displayPath } from './errors.js';

/**
 * Config file names, in order of preference inside one folder: dedicated airlint files before
 * the shared manifests (as ruff prefers ruff.toml over pyproject.toml). pyproject.toml comes last
 * because a pyproject.toml without [tool.airlint] ends the look at its folder (it is skipped and
 * the search goes on in the parent folder).
 */
export const SEARCH_PLACES: readonly string[] = [
  'airlint.toml',
  '.airlintrc',
  '.airlintrc.json',
  '.airlintrc.yaml',
  '.airlintrc.yml',
  'airlint.config.js',
  'airlint.config.mjs',
  'airlint.config.cjs',
  'airlint.config.ts',
  'package.json',
  'pyproject.toml',
];

/** Extensions an explicit `--config FILE` may have ('' is YAML, like .airlintrc). */
const LOADABLE_EXTENSIONS = new Set(['.toml', '.json', '.yaml', '.yml', '', '.js', '.mjs', '.cjs', '.ts']);

const MODULE_NAME = 'airlint';

/** A config file that was found and loaded (not yet validated). */
export interface LoadedConfig {
  file: string;
  data: unknown;
}

const firstLine = (s: string): string => s.split('\n')[0]?.trim() ?? s;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The airlint part of a loaded file: pyproject's [tool.airlint], package.json's "airlint". */
function airlintPart(file: string, data: unknown): unknown {
  const base = path.basename(file);
  if (base !== 'pyproject.toml' && base !== 'package.json') return data;
  if (typeof data !== 'object' || data === null) return undefined;
  if (base === 'package.json') return (data as Record<string, unknown>)[MODULE_NAME];
  const tool = (data as Record<string, unknown>).tool;
  return typeof tool === 'object' && tool !== null ? (tool as Record<string, unknown>)[MODULE_NAME] : undefined;
}

export interface Searcher {
  /** The nearest config file above `dir` (inclusive), or null. */
  nearest(dir: string): Promise<LoadedConfig | null>;
  /** Loads an explicitly named config file (`--config FILE`). */
  load(file: string): Promise<LoadedConfig>;
}

/** A searcher whose messages show paths relative to `cwd`. */
export function createSearcher(cwd: string): Searcher {
  const show = (file: string): string => displayPath(file, cwd);

  const checkImport = (file: string, data: unknown): void => {
    const part = airlintPart(file, data);
    if (typeof part === 'object' && part !== null && Object.hasOwn(part, '$import')) {
      throw new ConfigError(
        `${show(file)}: $import: unknown key; airlint reads only the nearest config file and does not merge files`,
        file,
        '$import',
      );
    }
  };

  const wrap = (kind: string, loader: Loader): Loader => {
    return async (file: string, content: string): Promise<unknown> => {
      let data: unknown;
      try {
        data = await loader(file, content);
      } catch (e) {
        if (e instanceof ConfigError) throw e;
        // cosmiconfig's JSON/YAML loaders prefix "<Kind> Error in <file>:\n"; keep the reason only.
        const reason = errorText(e).replace(/^\w+ Error in [^\n]*:\n/, '');
        throw new ConfigError(`${show(file)}: ${kind}: ${firstLine(reason)}`, file, null);
      }
      checkImport(file, data);
      return data;
    };
  };

  const tomlLoader: Loader = (file: string, content: string): unknown => {
    let data: Record<string, unknown>;
    try {
      data = parseToml(content);
    } catch (e) {
      const where = e instanceof TomlError ? ` (line ${e.line}, column ${e.column})` : '';
      throw new ConfigError(`${show(file)}: invalid TOML${where}: ${firstLine(errorText(e))}`, file, null);
    }
    if (path.basename(file) !== 'pyproject.toml') return data;
    // undefined marks the file as empty: a pyproject.toml without [tool.airlint] is skipped.
    return airlintPart(file, data) ?? undefined;
  };

  const explorer = cosmiconfig(MODULE_NAME, {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: 'none',
    // Empty files count as "airlint config with defaults here"; only a pyproject.toml without
    // the table is skipped (handled below), as ruff does.
    ignoreEmptySearchPlaces: false,
    cache: true,
    loaders: {
      '.toml': wrap('invalid TOML', tomlLoader),
      '.json': wrap('invalid JSON', defaultLoaders['.json']),
      '.yaml': wrap('invalid YAML', defaultLoaders['.yaml']),
      '.yml': wrap('invalid YAML', defaultLoaders['.yml']),
      noExt: wrap('invalid YAML', defaultLoaders.noExt),
      '.js': wrap('cannot load', defaultLoaders['.js']),
      '.mjs': wrap('cannot load', defaultLoaders['.mjs']),
      '.cjs': wrap('cannot load', defaultLoaders['.cjs']),
      '.ts': wrap('cannot load', defaultLoaders['.ts']),
    },
  });

  const asConfigError = (e: unknown): ConfigError => {
    if (e instanceof ConfigError) return e;
    const file = (e as { filepath?: unknown }).filepath;
    const at = typeof file === 'string' ? `${show(file)}: ` : '';
    return new ConfigError(`${at}cannot read configuration: ${firstLine(errorText(e))}`, typeof file === 'string' ? file : null);
  };

  const hasGit = async (dir: string): Promise<boolean> => {
    try {
      await stat(path.join(dir, '.git'));
      return true;
    } catch {
      return false;
    }
  };

  const memo = new Map<string, Promise<LoadedConfig | null>>();

  const lookHere = async (dir: string): Promise<LoadedConfig | null> => {
    let result;
    try {
      result = await explorer.search(dir);
    } catch (e) {
      throw asConfigError(e);
    }
    if (result === null) return null;
    if (result.isEmpty) {
      // A pyproject.toml without [tool.airlint] says nothing about airlint: keep looking. Any
      // other empty file is an airlint config with every setting at its default.
      if (path.basename(result.filepath) === 'pyproject.toml') return null;
      return { file: result.filepath, data: {} };
    }
    return { file: result.filepath, data: result.config };
  };

  const nearest = (dir: string): Promise<LoadedConfig | null> => {
    let pending = memo.get(dir);
    if (!pending) {
      pending = (async () => {
        const here = await lookHere(dir);
        if (here) return here;
        const parent = path.dirname(dir);
        if (parent === dir || (await hasGit(dir))) return null;
        return nearest(parent);
      })();
      memo.set(dir, pending);
    }
    return pending;
  };

  const load = async (file: string): Promise<LoadedConfig> => {
    const ext = path.extname(file);
    if (!LOADABLE_EXTENSIONS.has(ext)) {
      throw new ConfigError(
        `${show(file)}: unsupported config file type "${ext}" (use .toml, .json, .yaml, .yml, .js, .mjs, .cjs or .ts)`,
        file,
        null,
      );
    }
    let result;
    try {
      result = await explorer.load(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') {
        throw new ConfigError(`${show(file)}: config file not found`, file, null);
      }
      throw asConfigError(e);
    }
    const base = path.basename(file);
    if (result === null || result.isEmpty) {
      if (base === 'pyproject.toml') {
        throw new ConfigError(`${show(file)}: no [tool.airlint] table in this file`, file, null);
      }
      if (base === 'package.json') {
        throw new ConfigError(`${show(file)}: no "airlint" key in this file`, file, null);
      }
      return { file, data: {} };
    }
    return { file: result.filepath, data: result.config };
  };

  return { nearest, load };
}
