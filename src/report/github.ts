// GitHub Actions workflow commands (`::error file=…::message`): one annotation per finding, with the
// location repeated in the message so the raw log line says where too. Every finding is printed;
// GitHub shows only the first few annotations per step, the rest stay in the log.
import type { Diagnostic, Severity } from '../engine/types.js';
import { summaryLine } from './text.js';
import type { RunResult } from './types.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (`@actions/core` `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property's value (`@actions/core` `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(d: Diagnostic): string {
  const endLine = Math.max(d.endLine, d.line);
  const props: [string, string | number][] = [
    ['file', d.path],
    ['line', d.line],
    ['endLine', endLine],
  ];
  // The runner drops an annotation with columns on a multi-line range, or with endColumn < col.
  if (endLine === d.line) props.push(['col', d.column], ['endColumn', Math.max(d.endColumn, d.column + 1)]);
  props.push(['title', d.rule]);
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  let message = `${d.path}:${d.line}:${d.column}: ${d.rule} ${d.message}`;
  if (d.help) message += `\nhelp: ${d.help}`;
  return `::${COMMAND[d.severity]} ${properties}::${escapeData(message)}`;
}

export function formatGithub(result: RunResult, opts: { quiet: boolean }): string {
  const out = result.diagnostics.map(annotation);
  if (!opts.quiet) out.push(summaryLine(result));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
