// One entry point per output format; each is a pure function of the run's results.
import { formatJson } from './json.js';
import { formatText } from './text.js';
import type { RunResult } from './types.js';

export const FORMATS = ['text', 'concise', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatOptions {
  color: boolean;
  /** Findings only: no summary line (text formats). */
  quiet?: boolean;
}

export function formatResults(format: Format, result: RunResult, opts: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'concise':
    case 'text':
      return formatText(result, { color: opts.color, concise: format === 'concise', quiet: !!opts.quiet });
  }
}

export type { RunResult, RunSummary } from './types.js';
export { summaryLine } from './text.js';
