// The configuration layer: discovery (cosmiconfig), validation (JSON Schema via Ajv) and
// resolution into the rules and settings the engine runs, per linted file.
//
// Note: airlint.config.{js,mjs,cjs,ts} files run code when loaded (see search.ts); `--no-config`
// and the data-only formats exist for untrusted checkouts.

import path from 'node:path';
import type { RuleMeta } from '../engine/types.js';
import { ConfigError, displayPath, keyStyleFor } from './errors.js';
import { checkOverrides, resolveConfig, SelectorTable, type CliOverrides, type ResolvedConfig } from './resolve.js';
import { createSearcher, type LoadedConfig } from './search.js';
import { validateConfig } from './validate.js';

export { ConfigError } from './errors.js';
export { connectionsFormat, parseConnections, type ConnectionsFormat } from './connections.js';
export { ignoredRulesForFile, isDirExcluded, isPathSelected, isRuleIgnoredForFile } from './match.js';
export type { CliOverrides, ResolvedConfig, ResolvedRule } from './resolve.js';
export { buildConfigSchema, renderConfigSchema, selectorNames } from './schema.js';
export { SEARCH_PLACES } from './search.js';
export type { RawConfig } from './validate.js';

export interface ConfigLoaderOptions {
  /** Every rule airlint knows (the registry's metadata). */
  catalog: readonly RuleMeta[];
  /** The working folder: relative paths and `rootDir` without a config file are taken from it. */
  cwd: string;
  /** `--config FILE`: this file is used for every linted file, no discovery. */
  configFile?: string;
  /** `--no-config`: defaults only (plus CLI overrides), no discovery. */
  noConfig?: boolean;
  /** CLI flags, which override every config file. */
  overrides?: CliOverrides;
}

export interface ConfigLoader {
  /** The configuration in effect for one linted file (memoised per folder and per config file). */
  forFile(absPath: string): Promise<ResolvedConfig>;
}

/**
 * Creates a loader that finds, validates and resolves the configuration of each linted file.
 * Problems surface as a rejected promise with a ConfigError (file and key in the message).
 */
export function createConfigLoader(opts: ConfigLoaderOptions): ConfigLoader {
  const cwd = path.resolve(opts.cwd);
  const table = new SelectorTable(opts.catalog);
  let overrideError: ConfigError | null = null;
  try {
    checkOverrides(table, opts.overrides);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    overrideError = e;
  }

  const searcher = createSearcher(cwd);
  const byConfigFile = new Map<string, Promise<ResolvedConfig>>();
  let defaults: ResolvedConfig | null = null;

  const resolveDefaults = (): ResolvedConfig => {
    defaults ??= resolveConfig({}, { table, source: null, rootDir: cwd, overrides: opts.overrides });
    return defaults;
  };

  const resolveLoaded = (loaded: LoadedConfig): Promise<ResolvedConfig> => {
    let pending = byConfigFile.get(loaded.file);
    if (!pending) {
      pending = (async () => {
        const source = { file: loaded.file, display: displayPath(loaded.file, cwd), style: keyStyleFor(loaded.file) };
        const raw = validateConfig(loaded.data, opts.catalog, source);
        let rootDir = path.dirname(loaded.file);
        // cosmiconfig's meta config (.config/config.*) belongs to the folder above .config.
        if (path.basename(rootDir) === '.config') rootDir = path.dirname(rootDir);
        return resolveConfig(raw, { table, source, rootDir, overrides: opts.overrides });
      })();
      byConfigFile.set(loaded.file, pending);
    }
    return pending;
  };

  let explicit: Promise<ResolvedConfig> | null = null;
  const explicitFile = opts.configFile === undefined ? null : path.resolve(cwd, opts.configFile);

  return {
    async forFile(absPath: string): Promise<ResolvedConfig> {
      if (overrideError) throw overrideError;
      if (opts.noConfig) return resolveDefaults();
      if (explicitFile !== null) {
        explicit ??= searcher.load(explicitFile).then(resolveLoaded);
        return explicit;
      }
      const dir = path.dirname(path.resolve(cwd, absPath));
      const found = await searcher.nearest(dir);
      return found ? resolveLoaded(found) : resolveDefaults();
    },
  };
}
