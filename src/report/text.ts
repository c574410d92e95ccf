// The `text` (with code frames) and `concise` formats of spec/interfaces.md.
import { styleText } from 'node:util';
import { redact, type Diagnostic, type Severity } from '../engine/types.js';
import { counts, type RunResult } from './types.js';

type Style = Parameters<typeof styleText>[0];

const SEVERITY_STYLE: Record<Severity, Style> = { error: ['bold', 'red'], warning: ['bold', 'yellow'], info: ['bold', 'cyan'] };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(result: RunResult): string {
  const c = counts(result.diagnostics);
  const files = result.summary.files;
  if (c.errors + c.warnings + c.infos === 0) return `All checks passed (${plural(files, 'file')}).`;
  const parts: string[] = [];
  if (c.errors) parts.push(plural(c.errors, 'error'));
  if (c.warnings) parts.push(plural(c.warnings, 'warning'));
  if (c.infos) parts.push(plural(c.infos, 'info'));
  return `Found ${parts.join(', ')} in ${plural(c.files, 'file')} (${plural(files, 'file')} checked).`;
}

/**
 * Control characters from a file (ESC, CR, NUL...) are shown as U+FFFD, one for one (columns keep
 * their place): printed as they are, they would recolour or overwrite the report, or send terminal
 * commands.
 */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\0-\x08\x0a-\x1f\x7f\x80-\x9f]/g, '\ufffd');
}

function headline(d: Diagnostic, paint: (s: string, st: Style) => string): string {
  return `${paint(`${printable(d.path)}:${d.line}:${d.column}:`, 'bold')} ${paint(d.severity, SEVERITY_STYLE[d.severity])} ${paint(d.rule, 'dim')}  ${printable(d.message)}`;
}

/**
 * Replaces every secret on this line by its redacted form, padded to keep the caret columns. A range
 * that covers a whole string literal keeps its quotes: only the content is the secret.
 */
function maskSecrets(line: string, d: Diagnostic): string {
  let out = line;
  for (const s of d.secrets ?? []) {
    if (s.line > d.line || s.endLine < d.line) continue;
    let start = s.line === d.line ? s.column - 1 : 0;
    let end = s.endLine === d.line ? s.endColumn - 1 : out.length;
    const quoted = /^([rRbBuUfF]{0,2})("""|'''|"|')[\s\S]*\2$/.exec(out.slice(start, end));
    if (quoted) {
      start += quoted[1]!.length + quoted[2]!.length;
      end -= quoted[2]!.length;
    }
    if (end <= start) continue;
    const masked = redact(out.slice(start, end)).slice(0, end - start).padEnd(end - start, '*');
    out = out.slice(0, start) + masked + out.slice(end);
  }
  return out;
}

function frame(d: Diagnostic, source: string | undefined, paint: (s: string, st: Style) => string): string[] {
  // Line ends as Python counts them (the parser turns a lone CR into a line end too).
  const lines = source?.split(/\r\n|\r|\n/);
  const text = lines?.[d.line - 1];
  if (text === undefined) return [];
  const shown = printable(maskSecrets(text, d).replace(/\t/g, ' '));
  const gutter = String(d.line).length;
  const pad = ' '.repeat(gutter);
  const start = Math.max(0, d.column - 1);
  const end = d.endLine === d.line ? Math.max(d.endColumn - 1, start + 1) : Math.max(shown.trimEnd().length, start + 1);
  const carets = ' '.repeat(start) + '^'.repeat(Math.max(1, end - start));
  const out = [`${pad} |`, `${d.line} | ${shown}`, `${pad} | ${paint(carets, SEVERITY_STYLE[d.severity])}`];
  if (d.help) out.push(`${pad} = ${paint('help:', 'bold')} ${printable(d.help)}`);
  return out;
}

export function formatText(result: RunResult, opts: { color: boolean; concise: boolean; quiet: boolean }): string {
  const paint = (s: string, st: Style): string => (opts.color ? styleText(st, s) : s);
  const out: string[] = [];
  for (const d of result.diagnostics) {
    out.push(headline(d, paint));
    if (!opts.concise) {
      out.push(...frame(d, result.sources.get(d.path), paint));
      out.push('');
    }
  }
  if (!opts.quiet) out.push(summaryLine(result));
  else if (out[out.length - 1] === '') out.pop();
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
