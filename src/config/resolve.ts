// Turning a validated configuration (plus CLI overrides) into what the engine runs: the enabled
// rules with their severities and options, and the file-level settings.
//
// Rule selection follows ruff (docs/linter.md, "Rule selection"; configuration.rs `as_rule_table`):
//   * the starting set is `recommended`; `select`, when given, replaces it (`select = []` selects
//     nothing), `extend-select` adds, `ignore` removes;
//   * selectors are applied from the least to the most specific: "all" < "recommended" and the
//     category names < rule ids. At each level, `select`/`extend-select` apply first and `ignore`
//     second, so at equal specificity ignore wins, and a more specific selector beats a less
//     specific one whichever list it is in. Examples:
//       select ["security"], ignore ["security"], extend-select ["hardcoded-secret"]
//         → only hardcoded-secret (a rule id outranks the category ignore);
//       select ["hardcoded-secret"], ignore ["security"] → hardcoded-secret stays enabled;
//       select ["security"], ignore ["hardcoded-secret"] → security minus hardcoded-secret;
//       select ["recommended"], ignore ["security"] → recommended minus security (same level).
//   * CLI `--select` replaces the config's `select`; CLI `--extend-select` and `--ignore` are added
//     to the config's lists, and everything is then resolved as one selection.
//   * `severity = "off"` in a rule's table disables it whatever the selection says; any other
//     severity only changes the severity of a selected rule (it does not select the rule).

import path from 'node:path';
import type { Category, RuleMeta, Severity } from '../engine/types.js';
import { CATEGORIES } from '../engine/types.js';
import { readConnectionsFile } from './connections.js';
import { ConfigError, didYouMean, renderKey } from './errors.js';
import { AIRFLOW_VERSION_PATTERN, FAIL_ON_VALUES, selectorNames } from './schema.js';
import type { ConfigSource, RawConfig } from './validate.js';

export interface ResolvedRule {
  severity: Severity;
  /** True when the config set the severity (it then wins over a rule's version-gated severity). */
  severityConfigured: boolean;
  /** The rule's option defaults overlaid with the configured values. */
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** Absolute path of the config file in effect, or null (no file found, or `--no-config`). */
  configFile: string | null;
  /** Folder that include/exclude/per-file-ignores globs are relative to (config file's folder, else cwd). */
  rootDir: string;
  /** Enabled rules only (after select/extend-select/ignore and `severity = "off"`), in catalog order. */
  rules: Map<string, ResolvedRule>;
  airflowVersion: string | null;
  failOn: Severity | 'never';
  include: string[];
  exclude: string[];
  respectAirflowignore: boolean;
  /** Per-file ignores in config order, categories and groups expanded to rule ids. */
  perFileIgnores: { pattern: string; rules: Set<string> }[];
  /** Known connection ids from `connections` and `connections-file`; null when neither is set. */
  connections: string[] | null;
}

/** Command-line settings that override every config file. */
export interface CliOverrides {
  select?: string[];
  extendSelect?: string[];
  ignore?: string[];
  airflowVersion?: string;
  failOn?: Severity | 'never';
}

/** How specific a selector is: "all" < "recommended" and categories < rule ids. */
const Specificity = { All: 0, Group: 1, Rule: 2 } as const;
type Specificity = (typeof Specificity)[keyof typeof Specificity];
const LEVELS: readonly Specificity[] = [Specificity.All, Specificity.Group, Specificity.Rule];

interface Expanded {
  specificity: Specificity;
  ids: readonly string[];
}

/** Expands selectors (rule ids, category names, "recommended", "all") for one catalog. */
export class SelectorTable {
  readonly names: readonly string[];
  private readonly table = new Map<string, Expanded>();

  constructor(readonly catalog: readonly RuleMeta[]) {
    const ids = catalog.map((r) => r.id);
    this.table.set('all', { specificity: Specificity.All, ids });
    this.table.set('recommended', {
      specificity: Specificity.Group,
      ids: catalog.filter((r) => r.recommended).map((r) => r.id),
    });
    for (const cat of CATEGORIES) {
      this.table.set(cat, {
        specificity: Specificity.Group,
        ids: catalog.filter((r) => r.category === (cat as Category)).map((r) => r.id),
      });
    }
    for (const id of ids) this.table.set(id, { specificity: Specificity.Rule, ids: [id] });
    this.names = selectorNames(catalog);
  }

  has(selector: string): boolean {
    return this.table.has(selector);
  }

  expand(selector: string): Expanded {
    const hit = this.table.get(selector);
    if (!hit) throw new Error(`unknown selector ${selector}`);
    return hit;
  }

  /** The enabled rule ids for a selection, ruff-style (see the comment at the top of the file). */
  select(select: readonly string[] | null, extendSelect: readonly string[], ignore: readonly string[]): Set<string> {
    const updates = new Map<string, boolean>();
    for (const level of LEVELS) {
      for (const sel of [...(select ?? []), ...extendSelect]) {
        const e = this.expand(sel);
        if (e.specificity === level) for (const id of e.ids) updates.set(id, true);
      }
      for (const sel of ignore) {
        const e = this.expand(sel);
        if (e.specificity === level) for (const id of e.ids) updates.set(id, false);
      }
    }
    const enabled = new Set<string>(select === null ? this.expand('recommended').ids : []);
    for (const [id, on] of updates) {
      if (on) enabled.add(id);
      else enabled.delete(id);
    }
    return enabled;
  }
}

const VERSION_RE = new RegExp(AIRFLOW_VERSION_PATTERN);

/** Checks CLI overrides; throws a ConfigError naming the flag. */
export function checkOverrides(table: SelectorTable, overrides: CliOverrides | undefined): void {
  if (!overrides) return;
  const lists: [string, string[] | undefined][] = [
    ['--select', overrides.select],
    ['--extend-select', overrides.extendSelect],
    ['--ignore', overrides.ignore],
  ];
  for (const [flag, list] of lists) {
    for (const sel of list ?? []) {
      if (!table.has(sel)) {
        throw new ConfigError(`${flag}: unknown rule or category ${JSON.stringify(sel)}${didYouMean(sel, table.names)}`, null, flag);
      }
    }
  }
  if (overrides.airflowVersion !== undefined && !VERSION_RE.test(overrides.airflowVersion)) {
    throw new ConfigError(
      `--airflow-version: expected "X.Y" or "X.Y.Z" with major version 1 to 3, got ${JSON.stringify(overrides.airflowVersion)}`,
      null,
      '--airflow-version',
    );
  }
  if (overrides.failOn !== undefined && !(FAIL_ON_VALUES as readonly string[]).includes(overrides.failOn)) {
    throw new ConfigError(
      `--fail-on: expected one of ${FAIL_ON_VALUES.join(', ')}, got ${JSON.stringify(overrides.failOn)}${didYouMean(String(overrides.failOn), FAIL_ON_VALUES)}`,
      null,
      '--fail-on',
    );
  }
}

function copyValue(v: unknown): unknown {
  return Array.isArray(v) ? [...(v as unknown[])] : v;
}

export interface ResolveContext {
  table: SelectorTable;
  /** The config file and how to name it in messages; null when no file is in effect. */
  source: ConfigSource | null;
  rootDir: string;
  overrides?: CliOverrides;
}

function readConnections(raw: RawConfig, source: ConfigSource | null): string[] | null {
  const file = raw['connections-file'];
  if (raw.connections === undefined && file === undefined) return null;
  const ids = [...(raw.connections ?? [])];
  if (file !== undefined && source) {
    const abs = path.resolve(path.dirname(source.file), file);
    try {
      ids.push(...readConnectionsFile(abs));
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const key = renderKey(source.style, ['connections-file']);
      throw new ConfigError(`${source.display}: ${key}: ${JSON.stringify(file)}: ${reason}`, source.file, 'connections-file');
    }
  }
  return [...new Set(ids)];
}

/** Resolves a validated configuration into a ResolvedConfig. */
export function resolveConfig(raw: RawConfig, ctx: ResolveContext): ResolvedConfig {
  const { table, overrides } = ctx;
  const select = overrides?.select ?? raw.select ?? null;
  const extendSelect = [...(raw['extend-select'] ?? []), ...(overrides?.extendSelect ?? [])];
  const ignore = [...(raw.ignore ?? []), ...(overrides?.ignore ?? [])];
  const enabled = table.select(select, extendSelect, ignore);

  const rules = new Map<string, ResolvedRule>();
  for (const meta of table.catalog) {
    if (!enabled.has(meta.id)) continue;
    const { severity, ...configured } = raw.rules?.[meta.id] ?? {};
    if (severity === 'off') continue;
    const options: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(meta.options)) options[name] = copyValue(spec.default);
    for (const [name, value] of Object.entries(configured)) options[name] = copyValue(value);
    rules.set(meta.id, { severity: severity ?? meta.severity, severityConfigured: severity !== undefined, options });
  }

  const perFileIgnores = Object.entries(raw['per-file-ignores'] ?? {}).map(([pattern, sels]) => ({
    pattern,
    rules: new Set(sels.flatMap((s) => table.expand(s).ids)),
  }));

  return {
    configFile: ctx.source?.file ?? null,
    rootDir: ctx.rootDir,
    rules,
    airflowVersion: overrides?.airflowVersion ?? raw['airflow-version'] ?? null,
    failOn: overrides?.failOn ?? raw['fail-on'] ?? 'warning',
    include: [...(raw.include ?? [])],
    exclude: [...(raw.exclude ?? [])],
    respectAirflowignore: raw['respect-airflowignore'] ?? true,
    perFileIgnores,
    connections: readConnections(raw, ctx.source),
  };
}
