// How a rule is written: a declarative object made with `defineRule`, whose `create` returns listeners.
import type { Node } from 'web-tree-sitter';
import type { DagModel, EdgeModel, FileModel, TaskModel } from '../model/types.js';
import type { SyntaxProblem } from '../parse/parser.js';
import type { Range, RelatedLocation, RuleMeta, RuleOptionSpec, Severity } from './types.js';
import type { SuppressionReport } from './suppress.js';
import type { ProjectView } from '../project/index.js';

/** The TypeScript type of an option, from its spec. */
type OptionType<S extends RuleOptionSpec> = S['type'] extends 'integer' | 'number'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : S['type'] extends 'string-array'
      ? string[]
      : string;

export type OptionsOf<O extends Record<string, RuleOptionSpec>> = { [K in keyof O]: OptionType<O[K]> };

export interface ReportInput<M extends string> {
  at: Range;
  messageId: M;
  data?: Record<string, string | number>;
  dag?: DagModel | null;
  task?: TaskModel | null;
  /** dag_id / task_id for findings that are not about a model object of this file (project rules). */
  dagId?: string | null;
  taskId?: string | null;
  help?: string;
  related?: (Omit<RelatedLocation, 'path'> & { path?: string })[];
  /** A severity the rule itself raises or lowers (version-gated rules); config overrides still win. */
  severity?: Severity;
  /** Where the secret this finding is about is written: masked in every output that shows source. */
  secrets?: Range[];
}

export interface FileInfo {
  /** Path as shown to the user (relative to the current folder, `/` separators). */
  path: string;
  text: string;
  /** The model; empty when the file does not parse. */
  model: FileModel;
  syntaxProblems: readonly SyntaxProblem[];
  /** The configured Airflow version ("2.10", "3"), inferred 3.x from `airflow.sdk` imports, or null. */
  airflowVersion: string | null;
  /** Known connection ids from the configuration (`connections`, `connections-file`), or null when none is configured. */
  connections: readonly string[] | null;
}

export interface RuleContext<M extends string, O> {
  readonly options: O;
  readonly file: FileInfo;
  report(input: ReportInput<M>): void;
}

export interface Listeners {
  file?(model: FileModel): void;
  dag?(dag: DagModel): void;
  task?(task: TaskModel): void;
  edge?(edge: EdgeModel, dag: DagModel): void;
  end?(): void;
  /** Syntax listeners, keyed by tree-sitter node type; called during the one traversal of the tree. */
  syntax?: Record<string, (node: Node) => void>;
}

/** What rules that run after a file's own analysis get: no model, only the file's path and a reporter. */
export interface LateContext<M extends string, O> {
  readonly options: O;
  readonly path: string;
  report(input: ReportInput<M>): void;
}

export interface ProjectContext<M extends string, O> extends LateContext<M, O> {
  /** The linted file's facts and the index of the whole project (this file included). */
  readonly project: ProjectView;
}

export interface Rule<M extends string = string, O extends Record<string, RuleOptionSpec> = Record<string, RuleOptionSpec>> extends RuleMeta {
  options: O;
  messages: Record<M, string>;
  /** True for rules that run on files that do not parse (syntax-error, the meta rules). */
  runsOnBrokenFiles?: boolean;
  /** Checks of one file: listeners called while the engine walks the file's model and syntax. */
  create?(context: RuleContext<M, OptionsOf<O>>): Listeners;
  /** Cross-file checks: called once per linted file with the project index. */
  checkProject?(context: ProjectContext<M, OptionsOf<O>>): void;
  /** Meta rules: called once every other rule ran, with what the suppression comments did. */
  checkSuppressions?(context: LateContext<M, OptionsOf<O>>, report: SuppressionReport): void;
}

export type AnyRule = Rule<string, Record<string, RuleOptionSpec>>;

/** Declares a rule; typed so that message ids and option types are checked where they are used. */
export function defineRule<M extends string, O extends Record<string, RuleOptionSpec> = Record<never, RuleOptionSpec>>(
  rule: Omit<Rule<M, O>, 'options'> & { options?: O },
): AnyRule {
  return { ...rule, options: (rule.options ?? {}) as O } as unknown as AnyRule;
}

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** Every `{placeholder}` a template uses (the registry test checks each is supplied somewhere). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
