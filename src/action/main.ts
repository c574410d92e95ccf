// The GitHub Action's entry point (action.yml runs dist/src/action/main.js). An adapter like src/cli:
// it reads the INPUT_* variables, runs the CLI once for the JSON report, then renders from that one
// run the annotations (`--format github`), the SARIF file (`--format sarif`), the step outputs
// ($GITHUB_OUTPUT) and the job summary ($GITHUB_STEP_SUMMARY). The exit code is the CLI's.
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, EXIT } from '../cli/main.js';
import { ruleDescriptions } from '../cli/package.js';
import type { Category, Diagnostic, RelatedLocation, Severity } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { formatResults, ruleDocsUrl, summaryLine, type RunResult } from '../report/index.js';

export interface ActionIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The job summary lists at most this many findings; the rest are in the log and the SARIF file. */
export const SUMMARY_FINDINGS = 100;

/** GitHub rejects a step summary over 1 MiB; stay well below it. */
const SUMMARY_BUDGET = 900 * 1024;

class InputError extends Error {}

/**
 * An input as the runner passes it: `INPUT_<NAME>` upper-cased, spaces as `_`, hyphens kept. A
 * composite action passes its inputs through `env:`, where action.yml spells hyphens as `_`.
 */
export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim();
}

/** `@actions/core` getBooleanInput: the YAML 1.2 core schema's booleans; empty means the default. */
function getBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = getInput(env, name);
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`input "${name}" must be true or false (got "${v}")`);
}

/** Splits an input into words like a shell: whitespace separates, quotes group, backslash escapes. */
export function splitWords(input: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && (input[i + 1] === '"' || input[i + 1] === '\\')) word += input[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < input.length) {
      word += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new InputError(`unterminated ${quote} quote in "${input}"`);
  if (inWord) words.push(word);
  return words;
}

/** One `name=value` line, or the heredoc form `name<<DELIMITER` when the value has a line break. */
export function outputCommand(name: string, value: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  diagnostics: (Omit<Diagnostic, 'related' | 'secrets'> & { related?: RelatedLocation[] })[];
  summary: { files: number; dags: number; tasks: number; errors: number; warnings: number; infos: number; suppressed: number };
}

/** The CLI's JSON report back as the reporters' input (code frames aside: no sources are needed). */
function toRunResult(report: JsonReport): RunResult {
  const diagnostics: Diagnostic[] = report.diagnostics.map((d) => ({ ...d, category: d.category as Category }));
  const { files, dags, tasks, suppressed } = report.summary;
  return { diagnostics, sources: new Map(), summary: { files, dags, tasks, suppressed }, toolVersion: report.tool.version };
}

/** Rules that crashed, from the CLI's `airlint: internal error in rule R on PATH: …` lines. */
function internalErrors(stderr: string): { path: string; rule: string | null }[] {
  const found: { path: string; rule: string | null }[] = [];
  for (const m of stderr.matchAll(/^airlint: internal error(?: in rule (\S+))? on (.+?): /gm)) found.push({ path: m[2]!, rule: m[1] ?? null });
  return found;
}

/** Markdown table cell text: one line, punctuation that Markdown or HTML would read escaped. */
function cell(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A link to a file line in the repository at the commit being checked, when the runner says which. */
function blobUrl(env: NodeJS.ProcessEnv, file: string, line: number): string | undefined {
  const repo = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  if (!repo || !sha || path.isAbsolute(file) || file.startsWith('../')) return undefined;
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${repo}/blob/${sha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

/** The job summary: totals, findings by rule and severity, then the first findings with links. */
export function jobSummary(result: RunResult, env: NodeJS.ProcessEnv, budget = SUMMARY_BUDGET, limit = SUMMARY_FINDINGS): string {
  const out: string[] = ['## airlint', '', summaryLine(result), ''];
  const diags = result.diagnostics;
  if (diags.length > 0) {
    const byRule = new Map<string, { rule: string; severity: Severity; count: number }>();
    for (const d of diags) {
      const key = `${d.rule}\u0000${d.severity}`;
      const row = byRule.get(key) ?? { rule: d.rule, severity: d.severity, count: 0 };
      row.count++;
      byRule.set(key, row);
    }
    const rows = [...byRule.values()].sort(
      (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count - a.count || a.rule.localeCompare(b.rule),
    );
    out.push('| rule | severity | findings |', '|---|---|---:|');
    for (const r of rows) out.push(`| [\`${r.rule}\`](${ruleDocsUrl(r.rule)}) | ${r.severity} | ${r.count} |`);
    out.push('');
    const shownMax = Math.min(limit, diags.length);
    out.push(`### Findings${diags.length > shownMax ? ` (first ${shownMax} of ${diags.length})` : ''}`, '');
    out.push('| location | severity | rule | message |', '|---|---|---|---|');
    let size = Buffer.byteLength(out.join('\n'));
    let shown = 0;
    for (const d of diags.slice(0, shownMax)) {
      const where = `${d.path}:${d.line}:${d.column}`;
      const url = blobUrl(env, d.path, d.line);
      const line = `| ${url ? `[${cell(where)}](${url})` : cell(where)} | ${d.severity} | \`${d.rule}\` | ${cell(d.message)} |`;
      size += Buffer.byteLength(line) + 1;
      if (size > budget - 512) break;
      out.push(line);
      shown++;
    }
    if (shown < diags.length) out.push('', `${plural(diags.length - shown, 'more finding')} not shown here: see the step log or the SARIF file.`);
  }
  return `${out.join('\n')}\n`;
}

/** Appends to an environment file the runner named (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), if any. */
function appendEnvFile(env: NodeJS.ProcessEnv, name: string, text: string): void {
  const file = env[name];
  if (file) appendFileSync(file, text);
}

export async function runAction(env: NodeJS.ProcessEnv, io: ActionIO): Promise<number> {
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  let options: string[];
  let paths: string[];
  let annotations: boolean;
  let sarifFile: string;
  try {
    paths = splitWords(getInput(env, 'paths'));
    const config = getInput(env, 'config');
    const failOn = getInput(env, 'fail-on');
    sarifFile = getInput(env, 'sarif-file');
    annotations = getBoolean(env, 'annotations', true);
    options = [...splitWords(getInput(env, 'args')), ...(config ? ['--config', config] : []), ...(failOn ? ['--fail-on', failOn] : [])];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stdout(`::error title=airlint::${e.message}\n`);
    return EXIT.usage;
  }

  const tmp = mkdtempSync(path.join(env.RUNNER_TEMP || tmpdir(), 'airlint-action-'));
  try {
    const jsonFile = path.join(tmp, 'report.json');
    // One lint run. The JSON report goes to a file of ours whatever `args` says (the last --format
    // and --output-file win); the paths come after `--`.
    const argv = ['check', ...options, '--format', 'json', '--output-file', jsonFile, '--', ...(paths.length > 0 ? paths : ['.'])];
    let stderr = '';
    const code = await run(argv, {
      cwd,
      env,
      stdout: io.stdout,
      stderr: (s) => {
        stderr += s;
        io.stderr(s);
      },
      readStdin: async () => '',
      isTTY: false,
    });
    if (!existsSync(jsonFile)) {
      io.stdout(`::error title=airlint::airlint exited with code ${code} without a report; see the log above\n`);
      return code === EXIT.ok ? EXIT.internal : code;
    }
    const result = toRunResult(JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonReport);

    // The log: annotations (which carry the location in their text), or the concise report.
    io.stdout(formatResults(annotations ? 'github' : 'concise', result, { color: false }));

    let sarifPath = '';
    if (sarifFile) {
      sarifPath = path.resolve(cwd, sarifFile);
      mkdirSync(path.dirname(sarifPath), { recursive: true });
      const base = pathToFileURL(cwd).href;
      const internal = internalErrors(stderr);
      writeFileSync(
        sarifPath,
        formatResults('sarif', result, {
          color: false,
          rules: ruleDescriptions(),
          baseUri: base.endsWith('/') ? base : `${base}/`,
          ...(internal.length > 0 ? { internalErrors: internal } : {}),
        }),
      );
    }

    const c = { errors: 0, warnings: 0, infos: 0 };
    for (const d of result.diagnostics) c[d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'infos']++;
    appendEnvFile(
      env,
      'GITHUB_OUTPUT',
      [
        outputCommand('errors', String(c.errors)),
        outputCommand('warnings', String(c.warnings)),
        outputCommand('infos', String(c.infos)),
        outputCommand('problems', String(result.diagnostics.length)),
        outputCommand('sarif-file', sarifPath),
        outputCommand('exit-code', String(code)),
      ].join(''),
    );
    const summaryFile = env.GITHUB_STEP_SUMMARY;
    const used = summaryFile && existsSync(summaryFile) ? statSync(summaryFile).size : 0;
    appendEnvFile(env, 'GITHUB_STEP_SUMMARY', jobSummary(result, env, SUMMARY_BUDGET - used));
    return code;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Run when node starts this file (action.yml), not when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await runAction(process.env, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
}
