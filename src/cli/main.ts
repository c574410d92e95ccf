// The command line: argument parsing, reading files, exit codes. The only layer that touches the process.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/index.js';
import type { Diagnostic, Severity } from '../engine/types.js';
import { severityRank } from '../engine/types.js';
import type { InternalError } from '../engine/lint.js';
import { catalog, Linter, rules, VERSION } from '../index.js';
import { runCheck } from './check.js';
import { displayPath, openRun, saveCache, UsageError } from './session.js';
import { packageRoot, ruleDescriptions } from './package.js';
import type { AnyRule } from '../engine/rule.js';
import { FORMATS, formatResults, type Format, type FormatOptions } from '../report/index.js';

export interface CliIO {
  cwd: string;
  /** The rules to run (tests substitute their own); defaults to every shipped rule. */
  registry?: readonly AnyRule[];
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;


const HELP = `airlint ${VERSION}: a static linter for Apache Airflow DAG files

Usage:
  airlint [check] [PATH ...]     lint files, folders and globs (default: .); - reads stdin
  airlint rules [--json]         list every rule
  airlint explain RULE           print a rule's documentation
  airlint inspect PATH ...       print the extracted model (DAGs, tasks, edges, arguments) as JSON
  airlint graph [PATH ...]       the DAG-to-DAG graph of the paths' projects (triggers, sensors,
                                 assets); with --dag ID the task graph of that DAG
  airlint lsp --stdio            run the language server (for editors) over stdin/stdout

Options for check:
  -f, --format FORMAT            text (default), concise, json, sarif (GitHub code scanning) or
                                 github (GitHub Actions annotations); also AIRLINT_FORMAT
  -o, --output-file FILE         write the report to FILE
      --config FILE              use this configuration file for every file
      --no-config                ignore configuration files
      --select IDS               rules to run (comma list of rule ids, categories, recommended, all)
      --extend-select IDS        rules to add to the selection
      --ignore IDS               rules to leave out
      --airflow-version X.Y      the Airflow version the DAGs target
      --fail-on LEVEL            error, warning (default), info or never
      --exit-zero                exit 0 even when there are findings
      --stdin-filename PATH      the path of the file read from stdin
      --no-cache                 do not read or write the cache
      --cache-dir DIR            the cache folder (default: .airlint_cache in the project root;
                                 also AIRLINT_CACHE_DIR)
  -j, --jobs N                   files analysed in parallel (default: the number of cores;
                                 also AIRLINT_JOBS)
      --no-project               do not index the rest of the project: no cross-file checks
  -q, --quiet                    print findings only, no summary
      --no-color                 no colours (also NO_COLOR)
  -V, --version                  print the version
  -h, --help                     print this help

Options for graph:
  -f, --format FORMAT            mermaid (default), dot or json
      --dag ID                   the task graph of this DAG instead
  (and -o, --config, --no-config, --airflow-version, --no-cache, --cache-dir, -j, --no-project)

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error, 3 internal error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  select: { type: 'string', multiple: true },
  'extend-select': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  'airflow-version': { type: 'string' },
  'fail-on': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'no-project': { type: 'boolean' },
  dag: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-color': { type: 'boolean' },
  json: { type: 'boolean' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS = new Set(['check', 'rules', 'explain', 'inspect', 'lsp', 'graph']);

function defaultIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: !!process.stdout.isTTY,
  };
}


export async function run(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  // The language server takes its transport flags (--stdio, --node-ipc, --socket=N, --clientProcessId)
  // from the language client, so they bypass the CLI's own option parsing.
  if (argv[0] === 'lsp' && !argv.includes('--help') && !argv.includes('-h')) {
    const { startServer } = await import('../lsp/server.js');
    return startServer();
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`airlint: ${e instanceof Error ? e.message : String(e)}\nRun "airlint --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`airlint ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = positionals[0] && COMMANDS.has(positionals[0]) ? positionals[0] : 'check';
  const args = command === positionals[0] ? positionals.slice(1) : positionals;
  try {
    switch (command) {
      case 'rules':
        return commandRules(io, !!values.json);
      case 'explain':
        return commandExplain(io, args);
      case 'inspect':
        return await commandInspect(io, args, values['stdin-filename']);
      case 'graph':
        return await (await import('./graph.js')).commandGraph(io, args, values);
      default:
        return await commandCheck(io, args, values);
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) {
      io.stderr(`airlint: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`airlint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.internal;
  }
}

function commandRules(io: CliIO, json: boolean): number {
  const metas = catalog();
  if (json) {
    io.stdout(`${JSON.stringify(metas.map(({ id, category, severity, recommended, fixable, summary }) => ({ id, category, severity, recommended, fixable, summary })), null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...metas.map((m) => m.id.length));
  for (const m of metas) {
    io.stdout(`${m.id.padEnd(width)}  ${m.category.padEnd(9)}  ${m.severity.padEnd(7)}  ${m.recommended ? 'recommended' : 'opt-in     '}  ${m.summary}\n`);
  }
  return EXIT.ok;
}

function commandExplain(io: CliIO, args: string[]): number {
  const id = args[0];
  if (!id || args.length > 1) throw new UsageError('usage: airlint explain RULE');
  if (!rules.some((r) => r.id === id)) throw new UsageError(`unknown rule "${id}"; "airlint rules" lists them`);
  io.stdout(readFileSync(path.join(packageRoot(), 'rules', `${id}.md`), 'utf8'));
  return EXIT.ok;
}


async function commandInspect(io: CliIO, args: string[], stdinName: string | undefined): Promise<number> {
  if (args.length === 0) throw new UsageError('usage: airlint inspect PATH ...');
  const linter = await Linter.create();
  const files: Record<string, unknown>[] = [];
  let failed = false;
  for (const arg of args) {
    let text: string;
    let shown: string;
    if (arg === '-') {
      text = await io.readStdin();
      shown = stdinName ?? '-';
    } else {
      const abs = path.resolve(io.cwd, arg);
      try {
        text = await readFile(abs, 'utf8');
      } catch (e) {
        io.stderr(`airlint: cannot read ${arg}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
        failed = true;
        continue;
      }
      shown = displayPath(abs, io.cwd);
    }
    const r = linter.inspectText(text, shown);
    files.push(r.syntaxErrors.length ? { ...r.model, syntaxErrors: r.syntaxErrors } : r.model);
  }
  io.stdout(`${JSON.stringify({ version: 1, files }, null, 2)}\n`);
  return failed ? EXIT.usage : EXIT.ok;
}

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

function parseSeverityLevel(v: string | undefined, flag: string): Severity | 'never' | undefined {
  if (v === undefined) return undefined;
  if (v === 'error' || v === 'warning' || v === 'info' || v === 'never') return v;
  throw new UsageError(`${flag} must be error, warning, info or never (got "${v}")`);
}

async function commandCheck(io: CliIO, args: string[], values: Values): Promise<number> {
  const formatName = values.format ?? io.env.AIRLINT_FORMAT ?? 'text';
  if (!(FORMATS as readonly string[]).includes(formatName)) throw new UsageError(`unknown format "${formatName}"; use ${FORMATS.join(', ')}`);
  const format = formatName as Format;
  const failOn = parseSeverityLevel(values['fail-on'], '--fail-on');
  const run = await openRun(io, args, values, failOn ? { failOn } : {});
  const { rootCfg, cache } = run;
  let usageProblem = run.usageProblem;
  // Only the text format shows code: the others let each file's text go once it is analysed.
  const outcome = await runCheck(run.inputs, { ...run.options, keepText: format === 'text' });
  if (outcome.unreadable) usageProblem = true;
  await saveCache(io, cache);
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const internal: InternalError[] = [];
  const summary = { files: 0, dags: 0, tasks: 0, suppressed: 0 };
  const failOnByFile = new Map<string, Severity | 'never'>();
  for (const { result, text, cfg } of outcome.results) {
    summary.files++;
    summary.dags += result.dags;
    summary.tasks += result.tasks;
    summary.suppressed += result.suppressed;
    diagnostics.push(...result.diagnostics);
    internal.push(...result.internalErrors);
    if (result.diagnostics.length > 0) sources.set(result.path, text);
    failOnByFile.set(result.path, cfg.failOn);
  }

  const report = formatResults(
    format,
    { diagnostics, sources, summary, toolVersion: VERSION },
    {
      color: !values['output-file'] && wantsColor(io, !!values['no-color']),
      quiet: !!values.quiet,
      ...(format === 'sarif' ? sarifOptions(io, internal) : {}),
    },
  );
  if (values['output-file']) await writeFile(path.resolve(io.cwd, values['output-file']), report);
  else io.stdout(report);

  for (const err of internal) {
    io.stderr(`airlint: internal error${err.rule ? ` in rule ${err.rule}` : ''} on ${err.path}: ${err.message}\n`);
  }
  if (internal.length > 0) return EXIT.internal;
  if (usageProblem) return EXIT.usage;
  if (values['exit-zero']) return EXIT.ok;
  const failing = diagnostics.some((d) => {
    const level = failOnByFile.get(d.path) ?? rootCfg.failOn;
    return level !== 'never' && severityRank(d.severity) >= severityRank(level);
  });
  return failing ? EXIT.findings : EXIT.ok;
}

/** What SARIF describes besides the findings: every rule with its docs, and the folder paths are relative to. */
function sarifOptions(io: CliIO, internal: readonly InternalError[]): Partial<FormatOptions> {
  const base = pathToFileURL(io.cwd).href;
  return { rules: ruleDescriptions(io.registry ?? rules), baseUri: base.endsWith('/') ? base : `${base}/`, internalErrors: internal };
}



function wantsColor(io: CliIO, noColor: boolean): boolean {
  if (noColor || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '')) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}
