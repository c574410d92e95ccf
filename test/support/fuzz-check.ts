// The properties every input must have, whatever it is: checked by the fuzz tests on generated and
// mutated files. Each check throws an Error saying what is wrong; fast-check then shrinks the input.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { defaultOptions, type Linter, type LintSettings, type RuleSetting } from '../../src/index.js';
import { compareDiagnostics, type FileResult } from '../../src/engine/lint.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { FORMATS, formatResults, type RunResult } from '../../src/report/index.js';
import { rules } from '../../rules/index.js';
import { sarifSchemaErrors } from './sarif-schema.js';

export const FUZZ_PATH = 'dags/fuzz.py';

/** The longest one lint of a fuzz input (at most a few hundred kB) may take. */
const SLOW_MS = 5000;

export interface SettingsPlan {
  /** Every rule, or the recommended ones. */
  all: boolean;
  airflowVersion: string | null;
  connections: string[] | null;
}

/** Settings as plain data, so that a counterexample prints short: an Airflow version or none, a connection inventory or none. */
export const fuzzSettings: fc.Arbitrary<SettingsPlan> = fc.record({
  all: fc.boolean(),
  airflowVersion: fc.constantFrom(null, '2.7', '2.10', '3.0', '3.1'),
  connections: fc.constantFrom(null, ['aws_default', 'my_conn', 'postgres_default']),
});

export function toSettings(plan: SettingsPlan): LintSettings {
  const map = new Map<string, RuleSetting>();
  for (const r of rules) if (plan.all || r.recommended) map.set(r.id, { severity: r.severity, options: defaultOptions(r) });
  return { rules: map, airflowVersion: plan.airflowVersion, connections: plan.connections };
}

function fail(what: string, detail?: unknown): never {
  throw new Error(detail === undefined ? what : `${what}: ${JSON.stringify(detail)}`);
}


/** Every position in range: lines as Python counts them (LF, CRLF or a lone CR), columns in UTF-16 units. */
function checkRange(d: Diagnostic, lines: string[]): void {
  const where = { rule: d.rule, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn };
  for (const n of [d.line, d.column, d.endLine, d.endColumn]) if (!Number.isInteger(n)) fail('non-integer position', where);
  if (d.line < 1 || d.line > lines.length) fail(`line outside the file (${lines.length} lines)`, where);
  if (d.endLine < d.line || d.endLine > lines.length) fail(`end line outside the file (${lines.length} lines)`, where);
  if (d.column < 1 || d.column > lines[d.line - 1]!.length + 1) fail(`column outside line ${d.line} (${lines[d.line - 1]!.length} units)`, where);
  if (d.endColumn < 1 || d.endColumn > lines[d.endLine - 1]!.length + 1) fail(`end column outside line ${d.endLine} (${lines[d.endLine - 1]!.length} units)`, where);
  if (d.endLine === d.line && d.endColumn < d.column) fail('end before start', where);
  for (const r of d.related ?? []) {
    if (r.path !== d.path) continue;
    if (r.line < 1 || r.line > lines.length || r.column < 1 || r.column > lines[r.line - 1]!.length + 1) fail('related location outside the file', { rule: d.rule, related: r });
  }
}

/** The forms a secret could leak in: as is, base64 (standard and URL-safe) and URL-encoded. */
export function leakForms(secret: string): string[] {
  const forms = new Set([secret, Buffer.from(secret).toString('base64').replace(/=+$/, ''), Buffer.from(secret).toString('base64url'), encodeURIComponent(secret)]);
  return [...forms].filter((f) => f.length >= 6);
}

export function checkNoSecrets(where: string, output: string, secrets: readonly string[]): void {
  for (const secret of secrets) for (const form of leakForms(secret)) if (output.includes(form)) fail(`${where} shows a secret`, { secret: `${secret.slice(0, 4)}…`, form: form === secret ? 'as is' : form });
}

/** C0 controls other than "\n" (and ESC in coloured output) reach a terminal from the file. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\0-\x08\x0b-\x1f\x7f]/;


function checkFormats(result: FileResult, text: string, secrets: readonly string[]): void {
  const run: RunResult = { diagnostics: result.diagnostics, sources: new Map([[FUZZ_PATH, text]]), summary: { files: 1, dags: result.dags, tasks: result.tasks, suppressed: result.suppressed }, toolVersion: '0.0.0-fuzz' };
  const n = result.diagnostics.length;
  for (const format of FORMATS) {
    for (const quiet of [false, true]) {
      const out = formatResults(format, run, { color: false, quiet, internalErrors: result.internalErrors });
      if (typeof out !== 'string') fail(`${format} output is not a string`);
      checkNoSecrets(`${format} output`, out, secrets);
      if (format === 'json') {
        const doc = JSON.parse(out) as { diagnostics: unknown[] };
        if (doc.diagnostics.length !== n) fail('json: diagnostics lost', { got: doc.diagnostics.length, want: n });
      } else if (format === 'sarif') {
        const doc = JSON.parse(out) as { runs: { results: unknown[] }[] };
        const errors = sarifSchemaErrors(doc);
        if (errors.length > 0) fail('sarif: schema errors', errors.slice(0, 5));
        if (doc.runs[0]!.results.length !== n) fail('sarif: results lost', { got: doc.runs[0]!.results.length, want: n });
      } else if (format === 'github') {
        const lines = out.split('\n').filter(Boolean);
        const commands = lines.filter((l) => /^::(error|warning|notice) [^\n]*::/.test(l));
        if (commands.length !== n) fail('github: one workflow command per finding', { got: commands.length, want: n, lines: lines.slice(0, 3) });
        if (lines.length !== n + (quiet || n === 0 ? 0 : 1) && !(n === 0 && lines.length <= 1)) fail('github: stray lines', lines.slice(0, 5));
      } else {
        if (CONTROL.test(out)) fail(`${format}: a control character reaches the terminal`, out.match(CONTROL)![0].charCodeAt(0));
        if (format === 'concise' && quiet) {
          const lines = out.split('\n');
          if (lines.length !== n + 1 || lines[n] !== '') fail('concise: one line per finding', { got: lines.length - 1, want: n });
        }
      }
    }
  }
  // Colour only adds escape sequences: stripped, the text is the plain text.
  for (const format of ['text', 'concise'] as const) {
    const coloured = formatResults(format, run, { color: true });
    const plain = formatResults(format, run, { color: false });
    // eslint-disable-next-line no-control-regex
    if (coloured.replace(/\x1b\[[0-9;]*m/g, '') !== plain) fail(`${format}: colour changes more than colours`);
  }
}

/**
 * Lints `text` twice and checks the result and every output format. `secrets` are credentials the
 * security rules must find (the generator wrote them where they do): none may show anywhere.
 */
export function checkInput(linter: Linter, text: string, plan: SettingsPlan, secrets: readonly string[] = []): FileResult {
  const settings = toSettings(plan);
  const started = performance.now();
  const result = linter.lintText(text, FUZZ_PATH, settings);
  // No hang: files of this size lint in milliseconds (a generous bound, for loaded machines).
  const ms = performance.now() - started;
  if (ms > SLOW_MS) fail(`linting took ${Math.round(ms)} ms`, { chars: text.length });
  const internal = result.internalErrors;
  if (internal.length > 0) fail('internal errors', internal.map((e) => `${e.rule ?? 'model'}: ${e.message.split('\n')[0]}`));
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of result.diagnostics) {
    if (d.path !== FUZZ_PATH) fail('diagnostic on another path', d.path);
    checkRange(d, lines);
  }
  for (let i = 1; i < result.diagnostics.length; i++) {
    if (compareDiagnostics(result.diagnostics[i - 1]!, result.diagnostics[i]!) > 0) fail('diagnostics not sorted', [result.diagnostics[i - 1]!.rule, result.diagnostics[i]!.rule]);
  }
  const again = linter.lintText(text, FUZZ_PATH, settings);
  if (!isDeepStrictEqual(again, result)) fail('a second run gives another result');
  checkFormats(result, text, secrets);
  const inspected = linter.inspectText(text, FUZZ_PATH);
  checkNoSecrets('inspect output', JSON.stringify(inspected), secrets);
  return result;
}
