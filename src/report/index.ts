// One entry point per output format; each is a pure function of the run's results.
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif, type RuleDescription } from './sarif.js';
import { formatText } from './text.js';
import type { RunResult } from './types.js';

export const FORMATS = ['text', 'concise', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatOptions {
  color: boolean;
  /** Findings only: no summary line (text formats). */
  quiet?: boolean;
  /**
   * SARIF: every rule of the registry with its documentation (the CLI reads rules/<id>.md). Without
   * it, SARIF describes only the rules that reported something, from their findings.
   */
  rules?: readonly RuleDescription[];
  /** SARIF: absolute `file://` URI, ending in `/`, of the folder the paths are relative to. */
  baseUri?: string;
  /** SARIF: rules that crashed (the run is then not `executionSuccessful`). */
  internalErrors?: readonly { path: string; rule: string | null }[];
}

export function formatResults(format: Format, result: RunResult, opts: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, {
        ...(opts.rules ? { rules: opts.rules } : {}),
        ...(opts.baseUri ? { baseUri: opts.baseUri } : {}),
        ...(opts.internalErrors ? { internalErrors: opts.internalErrors } : {}),
      });
    case 'github':
      return formatGithub(result, { quiet: !!opts.quiet });
    case 'concise':
    case 'text':
      return formatText(result, { color: opts.color, concise: format === 'concise', quiet: !!opts.quiet });
  }
}

export type { RunResult, RunSummary } from './types.js';
export type { RuleDescription } from './sarif.js';
export { summaryLine } from './text.js';
export { HOMEPAGE, ruleDocsUrl } from './sarif.js';
