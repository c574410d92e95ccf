// Shared vocabulary of the engine: severities, categories, locations, diagnostics and rule metadata.
// Pure module: no node:* imports (see design.md, "The pipeline").

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Numeric rank for comparisons: a higher rank is more severe. */
export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

export type Category =
  | 'structure'
  | 'schedule'
  | 'retries'
  | 'alerting'
  | 'security'
  | 'parsing'
  | 'aws'
  | 'project'
  | 'meta';

export const CATEGORIES: readonly Category[] = [
  'structure',
  'schedule',
  'retries',
  'alerting',
  'security',
  'parsing',
  'aws',
  'project',
  'meta',
];

/** A source range: 1-based lines, 1-based columns counted in UTF-16 code units, end column exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation {
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface Diagnostic extends Range {
  path: string;
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  dagId?: string;
  taskId?: string;
  help?: string;
  related?: RelatedLocation[];
  /**
   * Source ranges holding a secret the finding is about. Never printed: reporters that show source
   * text (code frames) mask them. Not part of any output format.
   */
  secrets?: Range[];
}

/** How a secret is shown anywhere airlint prints it: at most its first 4 characters, and its length. */
export function redact(secret: string): string {
  const shown = [...secret].slice(0, Math.min(4, Math.floor(secret.length / 4))).join('');
  return `${shown}…(${secret.length} chars)`;
}

/** JSON-schema-like description of one rule option, used by config validation and docs. */
export interface RuleOptionSpec {
  type: 'integer' | 'number' | 'string' | 'boolean' | 'string-array';
  default: unknown;
  description: string;
  minimum?: number;
  enum?: readonly string[];
}

/** What the configuration layer needs to know about a rule. */
export interface RuleMeta {
  id: string;
  category: Category;
  severity: Severity;
  recommended: boolean;
  fixable: boolean;
  summary: string;
  options: Readonly<Record<string, RuleOptionSpec>>;
}
