// The language server adapter: `airlint lsp --stdio`. It lints open documents as they change and
// turns airlint's findings into LSP diagnostics, offers "ignore this rule" quick fixes and shows what
// a DAG's schedule means on hover. Everything Python- or Airflow-specific is asked of the model layer.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection as createCommonConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WatchDog,
} from 'vscode-languageserver';
import { createConnection, createProtocolConnection, ProposedFeatures, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConfigLoader, ConfigError, isPathSelected, SEARCH_PLACES, type ConfigLoader } from '../config/index.js';
import { mightContainDag } from '../discover/index.js';
import type { AnyRule } from '../engine/rule.js';
import type { Diagnostic, Range, Severity } from '../engine/types.js';
import { grammarPath } from '../grammar.js';
import { availableParallelism } from 'node:os';
import type { FileAnalysis, LintSettings } from '../engine/lint.js';
import { catalog, Linter, ProjectIndex, rules, settingsFor, VERSION, type FileFacts } from '../index.js';
import { AnalysisCache } from '../cli/cache.js';
import { indexProjectFiles, RootFinder } from '../cli/check.js';
import { nextCronTimes, scheduleAt, type ScheduleHover } from '../model/hover.js';
import { ignoreFileEdit, ignoreLineEdit, type TextEdit } from '../model/ignore-edit.js';
import { PythonParser, type ParsedFile } from '../parse/parser.js';

export interface ServerOptions {
  /** The message streams (tests pass their own); default: the transport named on the command line, else stdio. */
  reader?: MessageReader;
  writer?: MessageWriter;
  /** Delay between the last change of a document and its linting. */
  debounceMs?: number;
  /** The rules to run; defaults to every shipped rule. */
  registry?: readonly AnyRule[];
  /** The clock the schedule hover counts next runs from. */
  now?: () => Date;
  /** Index each document's project for the cross-file rules (default true). */
  project?: boolean;
}

/** Settings the client may send (initializationOptions, or `airlint` in workspace/didChangeConfiguration). */
interface ClientSettings {
  /** A configuration file used for every document (`--config`). */
  config?: string;
  /** Read no configuration file (`--no-config`): the editor's untrusted (restricted) workspaces. */
  noConfig?: boolean;
}

export const RULE_DOC_URL = 'https://github.com/airlint/airlint/blob/main/rules/';
const DEFAULT_DEBOUNCE_MS = 200;
const NEXT_RUNS = 3;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** airlint's 1-based, end-exclusive range as a 0-based LSP range (both count UTF-16 code units). */
export function toLspRange(r: Range): LspRange {
  return {
    start: { line: Math.max(0, r.line - 1), character: Math.max(0, r.column - 1) },
    end: { line: Math.max(0, r.endLine - 1), character: Math.max(0, r.endColumn - 1) },
  };
}

function toLspEdit(e: TextEdit): LspTextEdit {
  return { range: toLspRange(e), newText: e.newText };
}

function fsPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** One finding as an LSP diagnostic: the (already redacted) message only, never source text. */
export function toLspDiagnostic(d: Diagnostic, documentUri: string, documentPath: string, cwd: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(d),
    severity: SEVERITY[d.severity],
    code: d.rule,
    codeDescription: { href: `${RULE_DOC_URL}${d.rule}.md` },
    source: 'airlint',
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => {
      const abs = path.resolve(cwd, r.path);
      const uri = abs === documentPath ? documentUri : pathToFileURL(abs).href;
      const at = { line: Math.max(0, r.line - 1), character: Math.max(0, r.column - 1) };
      return { location: { uri, range: { start: at, end: at } }, message: r.message };
    });
  }
  return out;
}

function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The hover text for a schedule: its meaning in words and, when it can be exactly right, its next runs. */
export function scheduleHoverText(h: ScheduleHover, now: Date): string | null {
  if (h.description === null) return null;
  const parts = [`**airlint** · \`${h.arg}\`: ${h.description}`];
  if (h.zone.kind === 'utc' || h.zone.kind === 'default') {
    const times = nextCronTimes(h.expr, now, NEXT_RUNS);
    if (times) {
      const note = h.zone.kind === 'default' ? ' (with Airflow’s default `default_timezone = utc`)' : '';
      parts.push(`Next runs${note}:\n${times.map((t) => `- ${formatUtc(t)}`).join('\n')}`);
    }
  } else if (h.zone.kind === 'zone') {
    parts.push(`Runs in the start_date’s time zone, ${h.zone.name}.`);
  }
  return parts.join('\n\n');
}

/**
 * Starts the language server. Resolves with the exit code when the client sends `exit` (with
 * streams given); on the command line the library ends the process itself.
 */
export async function startServer(options: ServerOptions = {}): Promise<number> {
  const registry = options.registry ?? rules;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const now = options.now ?? ((): Date => new Date());

  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));

  let connection: Connection;
  if (options.reader && options.writer) {
    const { reader, writer } = options;
    const watchDog: WatchDog = {
      shutdownReceived: false,
      initialize: () => {},
      exit: (code) => {
        stopped = true;
        connection.dispose();
        resolveExit(code);
      },
    };
    connection = createCommonConnection((logger) => createProtocolConnection(reader, writer, logger), watchDog, ProposedFeatures.all);
  } else {
    const transportGiven = process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a));
    connection = transportGiven ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  }

  const documents = new TextDocuments(TextDocument);
  const ready = Promise.all([Linter.create(registry), PythonParser.create(grammarPath())]);
  /** The last parse of each open document, reused for incremental reparsing. */
  const trees = new Map<string, ParsedFile>();
  let cwd = process.cwd();
  let settings: ClientSettings = {};
  let loader: ConfigLoader | null = null;
  let watchFilesDynamically = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const shownConfigErrors = new Set<string>();
  const useProject = options.project ?? true;
  let roots = new RootFinder();
  /** Each open document's last analysis, finished again when another file of its project changes. */
  const open = new Map<string, { abs: string; root: string | null; analysis: FileAnalysis; settings: LintSettings; version: number; factsKey: string }>();
  /** What was last published for each document (version and diagnostics), to skip publishing it again. */
  const published = new Map<string, string>();
  /** The project facts of the files on disk of each project root (null while being built). */
  const projects = new Map<string, Map<string, { path: string; facts: FileFacts }> | null>();

  const makeLoader = (): ConfigLoader =>
    createConfigLoader({
      catalog: catalog(registry),
      cwd,
      ...(settings.noConfig ? { noConfig: true } : settings.config ? { configFile: path.resolve(cwd, settings.config) } : {}),
    });

  /** Set once the client asked the server to shut down: background work then stops talking to it. */
  let stopped = false;
  const publish = (uri: string, diagnostics: LspDiagnostic[], version?: number): void => {
    if (stopped) return;
    void connection.sendDiagnostics({ uri, diagnostics, ...(version === undefined ? {} : { version }) });
  };
  const log = (level: 'warn' | 'error', message: string): void => {
    if (!stopped) connection.console[level](message);
  };

  let linter: Linter;
  const lint = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    [linter] = await ready;
    const file = fsPath(uri);
    const abs = file ?? path.join(cwd, 'untitled.py');
    loader ??= makeLoader();
    let cfg;
    try {
      cfg = await loader.forFile(abs);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      if (!shownConfigErrors.has(e.message)) {
        shownConfigErrors.add(e.message);
        void connection.window.showErrorMessage(`airlint: ${e.message}`);
      }
      published.delete(uri);
      publish(uri, [], version);
      return;
    }
    // A newer version is on its way (its own lint is scheduled), or the document was closed.
    if (documents.get(uri)?.version !== version) return;
    const text = doc.getText();
    if ((file !== null && !isPathSelected(cfg, abs)) || !mightContainDag(text)) {
      open.delete(uri);
      published.delete(uri);
      publish(uri, [], version);
      return;
    }
    // Keep each document's tree: after an edit tree-sitter reparses only the changed region.
    const previous = trees.get(uri) ?? null;
    const settingsNow = settingsFor(cfg, abs);
    const { analysis, parsed } = linter.analyzeEdited(text, abs, settingsNow, previous);
    previous?.dispose();
    trees.set(uri, parsed);
    const root = useProject && file !== null ? roots.of(abs, cfg) : null;
    const factsKey = JSON.stringify(analysis.facts);
    const changed = open.get(uri)?.factsKey !== factsKey;
    open.set(uri, { abs, root, analysis, settings: settingsNow, version, factsKey });
    finish(uri);
    // What this document defines may change other open documents' cross-file findings.
    if (changed && useProject) for (const [other, o] of open) if (other !== uri && o.root === root) finish(other);
  };

  /** The index a document is finished against: its project's files on disk, with open documents as edited. */
  const projectIndexFor = (uri: string, root: string | null): ProjectIndex => {
    const files: { path: string; facts: FileFacts }[] = [];
    const openPaths = new Set<string>();
    for (const [other, o] of open) {
      if (other !== uri && (root === null || o.root !== root)) continue;
      openPaths.add(o.abs);
      files.push({ path: o.abs, facts: o.analysis.facts });
    }
    if (root !== null) {
      if (!projects.has(root)) buildProject(root);
      for (const [abs, f] of projects.get(root) ?? []) if (!openPaths.has(abs)) files.push(f);
    }
    return new ProjectIndex(files);
  };

  const finish = (uri: string): void => {
    const o = open.get(uri);
    if (!o || documents.get(uri)?.version !== o.version) return;
    const result = linter.finish(o.analysis, o.settings, useProject ? projectIndexFor(uri, o.root) : null);
    for (const err of result.internalErrors) {
      log('error', `airlint: internal error${err.rule ? ` in rule ${err.rule}` : ''} on ${o.abs}: ${err.message}`);
    }
    const diagnostics = result.diagnostics.map((d) => toLspDiagnostic(d, uri, o.abs, cwd));
    // Finishing again (the project index arrived, another document changed) often changes nothing: say nothing then.
    const key = `${o.version}\0${JSON.stringify(diagnostics)}`;
    if (published.get(uri) === key) return;
    published.set(uri, key);
    publish(uri, diagnostics, o.version);
  };

  /** Indexes a project root in the background (cache and worker pool as in `check`), then finishes its open documents again. */
  const buildProject = (root: string): void => {
    projects.set(root, null);
    const work = async (): Promise<void> => {
      loader ??= makeLoader();
      const cache = await AnalysisCache.open(path.join(root, '.airlint_cache'), VERSION, (m) => log('warn', `airlint: ${m}`));
      const files = await indexProjectFiles(root, new Set(), { cwd, loader, registry, shippedRules: registry === rules, jobs: availableParallelism(), cache, display: (abs) => abs });
      await cache.save().catch((e: unknown) => log('warn', `airlint: cannot write the cache in ${cache.dir}: ${String(e)}`));
      // Stopped, or dropped meanwhile (files changed: a newer build runs).
      if (stopped || !projects.has(root)) return;
      projects.set(root, new Map(files.map((f) => [f.abs, { path: f.path, facts: f.facts }])));
      for (const [uri, o] of open) if (o.root === root) finish(uri);
    };
    work().catch((e: unknown) => log('error', `airlint: indexing ${root}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  };

  const schedule = (uri: string, delay: number): void => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        lint(uri).catch((e: unknown) => log('error', `airlint: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
      }, delay),
    );
  };

  const relintAll = (): void => {
    loader = null;
    roots = new RootFinder();
    projects.clear();
    shownConfigErrors.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
  };

  /** Runs `f` on the document's kept parse when it is current, else on a parse made for the call. */
  const withParsed = async <T>(uri: string, f: (parsed: ParsedFile) => T): Promise<T | null> => {
    const doc = documents.get(uri);
    if (!doc) return null;
    const text = doc.getText();
    const kept = trees.get(uri);
    if (kept && kept.text === text) return f(kept);
    const [, parser] = await ready;
    const parsed = parser.parse(text);
    try {
      return f(parsed);
    } finally {
      parsed.dispose();
    }
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    const root = folder ? fsPath(folder) : null;
    if (root) cwd = root;
    settings = readSettings(params.initializationOptions);
    watchFilesDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    await ready;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: 'airlint' },
    };
  });

  connection.onInitialized(() => {
    if (watchFilesDynamically) {
      const names = [...SEARCH_PLACES].join(',');
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/{${names}}` }, ...(useProject ? [{ globPattern: '**/*.py' }] : [])],
      });
    }
  });

  // A change to a configuration file may change any document's configuration: start afresh. A DAG
  // file changed on disk changes its project's index: rebuild it (unchanged files come from the cache).
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => !c.uri.endsWith('.py'))) return relintAll();
    const changed = params.changes.map((c) => fsPath(c.uri)).filter((p): p is string => p !== null);
    for (const root of [...projects.keys()]) {
      if (!changed.some((p) => p.startsWith(root + path.sep))) continue;
      projects.delete(root);
      for (const [uri, o] of open) if (o.root === root) finish(uri);
    }
  });
  connection.onDidChangeConfiguration((params) => {
    const section = (params.settings as { airlint?: unknown } | null)?.airlint;
    if (section !== undefined) settings = readSettings(section);
    relintAll();
  });

  documents.onDidChangeContent((e) => schedule(e.document.uri, debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    trees.get(e.document.uri)?.dispose();
    trees.delete(e.document.uri);
    const closed = open.get(e.document.uri);
    open.delete(e.document.uri);
    published.delete(e.document.uri);
    // Its saved version is what the project sees now.
    if (closed?.root) {
      projects.delete(closed.root);
      for (const [uri, o] of open) if (o.root === closed.root) finish(uri);
    }
    publish(e.document.uri, []);
  });

  connection.onCodeAction(async (params) => {
    const ours = params.context.diagnostics.filter((d) => d.source === 'airlint' && typeof d.code === 'string');
    if (ours.length === 0) return [];
    const uri = params.textDocument.uri;
    const actions = await withParsed(uri, (parsed) => {
      const out: CodeAction[] = [];
      const fileRules = new Set<string>();
      for (const d of ours) {
        const rule = d.code as string;
        const lineEdit = ignoreLineEdit(parsed, d.range.start.line + 1, rule);
        if (lineEdit) {
          out.push({
            title: `Ignore ${rule} on this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: { changes: { [uri]: [toLspEdit(lineEdit)] } },
          });
        }
        if (fileRules.has(rule)) continue;
        fileRules.add(rule);
        const fileEdit = ignoreFileEdit(parsed, rule);
        if (fileEdit) {
          out.push({
            title: `Ignore ${rule} in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: ours.filter((o) => o.code === rule),
            edit: { changes: { [uri]: [toLspEdit(fileEdit)] } },
          });
        }
      }
      return out;
    });
    return actions ?? [];
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    const found = await withParsed(params.textDocument.uri, (parsed) => scheduleAt(parsed, params.position.line + 1, params.position.character + 1));
    if (!found) return null;
    const value = scheduleHoverText(found, now());
    if (value === null) return null;
    return { contents: { kind: MarkupKind.Markdown, value }, range: toLspRange(found.range) };
  });

  connection.onShutdown(() => {
    stopped = true;
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
  return exited;
}

function readSettings(raw: unknown): ClientSettings {
  if (!raw || typeof raw !== 'object') return {};
  const { config, noConfig } = raw as { config?: unknown; noConfig?: unknown };
  return { ...(typeof config === 'string' && config.trim() !== '' ? { config: config.trim() } : {}), ...(noConfig === true ? { noConfig: true } : {}) };
}
