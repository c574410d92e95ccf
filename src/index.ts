// airlint's public API: lint text or files with the shipped rules, or extract the model.
import { createRequire } from 'node:module';
import { ignoredRulesForFile, type ResolvedConfig } from './config/index.js';
import { analyzeParsed, finishFile, inferVersion, lintParsed, type FileAnalysis, type FileResult, type LintSettings, type RuleSetting } from './engine/lint.js';
import { ProjectIndex } from './project/index.js';
import type { AnyRule } from './engine/rule.js';
import type { RuleMeta } from './engine/types.js';
import { airflowMajor, buildFileModel, serializeModel } from './model/index.js';
import { taskGraph, type TaskGraph } from './model/graph.js';
import { withoutSecrets } from './model/serialize.js';
import { PythonParser, type ParsedFile } from './parse/parser.js';
import { grammarPath } from './grammar.js';
import { rules } from '../rules/index.js';

const require = createRequire(import.meta.url);

/** The package version (this file runs from src/ under vitest and from dist/src/ when built). */
export const VERSION: string = ((): string => {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'airlint' && pkg.version) return pkg.version;
    } catch {
      // not this one
    }
  }
  return '0.0.0';
})();


export class Linter {
  private constructor(
    private readonly parser: PythonParser,
    readonly registry: readonly AnyRule[],
  ) {}

  static async create(registry: readonly AnyRule[] = rules): Promise<Linter> {
    return new Linter(await PythonParser.create(grammarPath()), registry);
  }

  /** Lints one file's text; `path` is what diagnostics show. */
  lintText(text: string, path: string, settings: LintSettings = defaultSettings(this.registry)): FileResult {
    const parsed = this.parser.parse(text);
    try {
      return lintParsed(parsed, path, this.registry, settings);
    } finally {
      parsed.dispose();
    }
  }

  /** A file's own analysis (model, file rules, project facts): the expensive, cacheable half of `lintText`. */
  analyzeText(text: string, path: string, settings: LintSettings = defaultSettings(this.registry)): FileAnalysis {
    const parsed = this.parser.parse(text);
    try {
      return analyzeParsed(parsed, path, this.registry, settings);
    } finally {
      parsed.dispose();
    }
  }

  /** Completes an analysis: project rules against `project` (null: none), suppressions, meta rules. */
  finish(analysis: FileAnalysis, settings: LintSettings, project: ProjectIndex | null): FileResult {
    return finishFile(analysis, this.registry, settings, project);
  }

  /**
   * Analyses a new version of a document whose previous parse is kept (the language server): tree-sitter
   * reparses only the edited region. Returns the new parse, which the caller keeps for the next edit
   * and disposes when done; `previous` is not disposed here.
   */
  analyzeEdited(text: string, path: string, settings: LintSettings, previous: ParsedFile | null): { analysis: FileAnalysis; parsed: ParsedFile } {
    const parsed = this.parser.parse(text, previous, true);
    return { analysis: analyzeParsed(parsed, path, this.registry, settings), parsed };
  }

  /** `analyzeEdited`, finished as a project of its own (`lintText` for an edited document). */
  lintEdited(text: string, path: string, settings: LintSettings, previous: ParsedFile | null): { result: FileResult; parsed: ParsedFile } {
    const { analysis, parsed } = this.analyzeEdited(text, path, settings, previous);
    return { result: finishFile(analysis, this.registry, settings, new ProjectIndex([{ path, facts: analysis.facts }])), parsed };
  }

  /**
   * The task graph of every DAG in a file (`airlint graph --dag`), the model built as `check` builds it
   * (the configured Airflow version, else Airflow 3 when the file imports `airflow.sdk`); none when the
   * file does not parse. Every secret the security rules find in the file is redacted in every string.
   */
  taskGraphs(text: string, airflowVersion: string | null = null): TaskGraph[] {
    const parsed = this.parser.parse(text);
    try {
      if (parsed.syntaxProblems().length > 0) return [];
      const model = buildFileModel(parsed, { airflowMajor: airflowMajor(inferVersion(text, airflowVersion)) });
      return withoutSecrets(model.dags.map(taskGraph), model, text);
    } finally {
      parsed.dispose();
    }
  }

  /** The extracted model as JSON (`airlint inspect`); null for a file that does not parse. */
  inspectText(text: string, path: string): { model: Record<string, unknown>; syntaxErrors: { line: number; column: number; message: string }[] } {
    const parsed = this.parser.parse(text);
    try {
      const problems = parsed.syntaxProblems();
      if (problems.length > 0) {
        return { model: { path, dags: [], looseTasks: [], unknowns: [] }, syntaxErrors: problems.map((p) => ({ line: p.line, column: p.column, message: p.message })) };
      }
      return { model: serializeModel(path, buildFileModel(parsed), text), syntaxErrors: [] };
    } finally {
      parsed.dispose();
    }
  }
}

/** The recommended rules at their default severities and options (what runs with no config). */
export function defaultSettings(registry: readonly AnyRule[] = rules, airflowVersion: string | null = null): LintSettings {
  const map = new Map<string, RuleSetting>();
  for (const r of registry) {
    if (!r.recommended) continue;
    map.set(r.id, { severity: r.severity, options: defaultOptions(r) });
  }
  return { rules: map, airflowVersion };
}

export function defaultOptions(rule: AnyRule): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(rule.options)) o[k] = spec.default;
  return o;
}

/** The engine settings for one file under its resolved configuration. */
export function settingsFor(cfg: ResolvedConfig, absPath: string): LintSettings {
  const ignored = ignoredRulesForFile(cfg, absPath);
  // The files of one configuration share one settings object (per set of per-file ignores): callers
  // key caches and the worker pool's messages by it. Never mutated.
  let shared = sharedSettings.get(cfg);
  if (!shared) sharedSettings.set(cfg, (shared = new Map()));
  const key = [...ignored].sort().join(',');
  let settings = shared.get(key);
  if (!settings) {
    const map = new Map<string, RuleSetting>();
    for (const [id, r] of cfg.rules) if (!ignored.has(id)) map.set(id, r);
    shared.set(key, (settings = { rules: map, airflowVersion: cfg.airflowVersion, connections: cfg.connections }));
  }
  return settings;
}

const sharedSettings = new WeakMap<ResolvedConfig, Map<string, LintSettings>>();

/** Rule metadata for the configuration layer and `airlint rules`. */
export function catalog(registry: readonly AnyRule[] = rules): RuleMeta[] {
  return registry.map(({ id, category, severity, recommended, fixable, summary, options }) => ({ id, category, severity, recommended, fixable, summary, options }));
}

export { rules, grammarPath };
export type { FileAnalysis, FileResult, LintSettings, RuleSetting } from './engine/lint.js';
export { ProjectIndex, fileFacts, type FileFacts, type ProjectFile } from './project/index.js';
export type { Diagnostic, Severity, Category, RuleMeta } from './engine/types.js';
export { createConfigLoader, ConfigError, type ResolvedConfig } from './config/index.js';
