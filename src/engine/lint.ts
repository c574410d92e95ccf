// Runs the enabled rules over one parsed file: build the model once, dispatch it to every rule's
// listeners in one pass, contain rule crashes, apply suppressions, sort and de-duplicate.
import type { Node } from 'web-tree-sitter';
import { airflowMajor, buildFileModel } from '../model/index.js';
import type { FileModel } from '../model/types.js';
import type { ParsedFile } from '../parse/parser.js';
import { EMPTY_FACTS, fileFacts, ProjectIndex, type FileFacts } from '../project/index.js';
import { formatMessage, type AnyRule, type FileInfo, type LateContext, type Listeners, type ReportInput } from './rule.js';
import { applySuppressions, parseDirectives, type Directive, type InvalidDirective } from './suppress.js';
import type { Diagnostic, Severity } from './types.js';

export interface RuleSetting {
  severity: Severity;
  options: Record<string, unknown>;
  /** True when the user configured the severity (it then wins over a rule's version-gated severity). */
  severityConfigured?: boolean;
}

export interface LintSettings {
  /** Enabled rules for this file (per-file ignores already removed). */
  rules: ReadonlyMap<string, RuleSetting>;
  airflowVersion: string | null;
  /** Known connection ids (config `connections` / `connections-file`); null when not configured. */
  connections?: readonly string[] | null;
}

export interface InternalError {
  path: string;
  rule: string | null;
  message: string;
}

export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
  suppressed: number;
  internalErrors: InternalError[];
  dags: number;
  tasks: number;
}

const EMPTY_MODEL: FileModel = { calls: [], globals: new Map(), strings: () => [], dags: [], looseTasks: [], unknowns: [], imports: new Map(), uncalledDagFunctions: [], internalErrors: [] };

/** Infers Airflow 3 from `airflow.sdk` imports when no version is configured (spec: rules.md, version gating). */
export function inferVersion(text: string, configured: string | null): string | null {
  if (configured) return configured;
  return /^\s*(?:from\s+airflow\.sdk\b|import\s+airflow\.sdk\b)/m.test(text) ? '3' : null;
}

/**
 * What one file's own analysis produces: findings before suppression, the suppression comments, and the
 * facts the project index needs. Plain data: cached, and sent back from worker threads.
 */
export interface FileAnalysis {
  path: string;
  /** Findings of the file rules, before suppression comments apply. */
  diagnostics: Diagnostic[];
  directives: Directive[];
  invalidDirectives: InvalidDirective[];
  /**
   * Which of the enabled rules ran on the file: all, only those that run on a file with syntax errors,
   * or none (the analysis failed). An unused suppression is reported only for rules that ran. (Ten
   * thousand files each carrying the list of ids cost tens of megabytes.)
   */
  ran: 'all' | 'broken' | 'none';
  internalErrors: InternalError[];
  dags: number;
  tasks: number;
  facts: FileFacts;
}

/** Whether `rule` runs on a file whose analysis ran `ran` (the rule being enabled). */
function runs(rule: AnyRule, ran: FileAnalysis['ran']): boolean {
  return ran === 'all' || (ran === 'broken' && !!rule.runsOnBrokenFiles);
}

/** Lints one parsed file on its own: one-file project (the file's own cross-DAG references are checked). */
export function lintParsed(parsed: ParsedFile, path: string, registry: readonly AnyRule[], settings: LintSettings): FileResult {
  const analysis = analyzeParsed(parsed, path, registry, settings);
  return finishFile(analysis, registry, settings, new ProjectIndex([{ path, facts: analysis.facts }]));
}

/** Builds the model and runs every enabled file rule on it (the expensive, cacheable part). */
export function analyzeParsed(parsed: ParsedFile, path: string, registry: readonly AnyRule[], settings: LintSettings): FileAnalysis {
  const syntaxProblems = parsed.syntaxProblems();
  const broken = syntaxProblems.length > 0;
  const internalErrors: InternalError[] = [];
  let model = EMPTY_MODEL;
  const airflowVersion = inferVersion(parsed.text, settings.airflowVersion);
  if (!broken) {
    try {
      model = buildFileModel(parsed, { airflowMajor: airflowMajor(airflowVersion) });
    } catch (e) {
      internalErrors.push({ path, rule: null, message: `model: ${e instanceof Error ? e.message : String(e)}` });
    }
    for (const err of model.internalErrors) {
      if (!err.startsWith('analysis budget')) internalErrors.push({ path, rule: null, message: `model: ${err.split('\n')[0]}` });
    }
  }
  const file: FileInfo = { path, text: parsed.text, model, syntaxProblems, airflowVersion, connections: settings.connections ?? null };
  const diagnostics: Diagnostic[] = [];
  const active: { rule: AnyRule; listeners: Listeners }[] = [];
  const ran = broken ? 'broken' : 'all';

  for (const rule of registry) {
    const setting = settings.rules.get(rule.id);
    if (!setting || !runs(rule, ran)) continue;
    if (!rule.create) continue;
    try {
      active.push({ rule, listeners: rule.create({ options: setting.options as never, file, report: reporter(rule, setting, path, diagnostics) }) });
    } catch (e) {
      internalErrors.push(crash(path, rule.id, e));
    }
  }

  const call = (entry: { rule: AnyRule; listeners: Listeners }, f: (l: Listeners) => void): void => {
    try {
      f(entry.listeners);
    } catch (e) {
      internalErrors.push(crash(path, entry.rule.id, e));
      entry.listeners = {};
    }
  };
  const each = (f: (l: Listeners) => void): void => {
    for (const entry of active) call(entry, f);
  };

  each((l) => l.file?.(model));
  for (const dag of model.dags) {
    each((l) => l.dag?.(dag));
    for (const task of dag.tasks) each((l) => l.task?.(task));
    for (const edge of dag.edges) each((l) => l.edge?.(edge, dag));
  }
  for (const task of model.looseTasks) each((l) => l.task?.(task));
  walkSyntax(parsed.root, active, call);
  each((l) => l.end?.());

  clampToText(diagnostics, parsed.text);

  let facts: FileFacts = broken ? { ...EMPTY_FACTS, opaque: 'the file does not parse' } : EMPTY_FACTS;
  if (!broken && model !== EMPTY_MODEL) {
    try {
      facts = fileFacts(model);
    } catch (e) {
      internalErrors.push({ path, rule: null, message: `project facts: ${e instanceof Error ? e.message : String(e)}` });
      facts = { ...EMPTY_FACTS, opaque: 'airlint failed to read this file' };
    }
  }
  const { directives, invalid } = parseDirectives(parsed.root, parsed.text, new Set(registry.map((r) => r.id)));
  let tasks = model.looseTasks.length;
  for (const d of model.dags) tasks += d.tasks.length;
  return { path, diagnostics, directives, invalidDirectives: invalid, ran, internalErrors, dags: model.dags.length, tasks, facts };
}

/**
 * Completes a file's result: the project rules (with the index of the whole project, or null to skip
 * them), then suppressions, the meta rules, sorting and secret masking. Cheap: no parse, no model.
 */
export function finishFile(analysis: FileAnalysis, registry: readonly AnyRule[], settings: LintSettings, project: ProjectIndex | null): FileResult {
  const { path } = analysis;
  // Copies: the analysis may be cached and finished again, and finishing sets each finding's secrets.
  const diagnostics = analysis.diagnostics.map((d) => ({ ...d }));
  const internalErrors = [...analysis.internalErrors];
  const ran = new Set(registry.filter((r) => settings.rules.has(r.id) && runs(r, analysis.ran)).map((r) => r.id));
  const late = (check: (rule: AnyRule, ctx: LateContext<string, never>) => void, filter: (rule: AnyRule) => boolean): void => {
    for (const rule of registry) {
      const setting = settings.rules.get(rule.id);
      if (!setting || !ran.has(rule.id) || !filter(rule)) continue;
      try {
        check(rule, { options: setting.options as never, path, report: reporter(rule, setting, path, diagnostics) });
      } catch (e) {
        internalErrors.push(crash(path, rule.id, e));
      }
    }
  };
  if (project) {
    const view = project.view(path, analysis.facts);
    late((rule, ctx) => rule.checkProject!({ ...ctx, project: view }), (r) => !!r.checkProject);
  } else {
    // Without a project (--no-project), rules that only check across files did not run here.
    for (const rule of registry) if (rule.checkProject && !rule.create) ran.delete(rule.id);
  }

  // Suppressions, then the meta rules that report on them.
  const first = applySuppressions(diagnostics, analysis.directives, ran);
  const before = diagnostics.length;
  late((rule, ctx) => rule.checkSuppressions!(ctx, { unused: first.unused, invalid: analysis.invalidDirectives }), (r) => !!r.checkSuppressions);
  const meta = diagnostics.splice(before);
  const second = applySuppressions(meta, analysis.directives, new Set());
  const kept = dedupe([...first.kept, ...second.kept].sort(compareDiagnostics));
  // A secret found by one rule must stay hidden in every finding's code frame, whichever rule it is
  // from (suppressed findings included: their secret is still in the file).
  const secrets = diagnostics.flatMap((d) => d.secrets ?? []);
  if (secrets.length > 0) for (const d of kept) d.secrets = secrets.filter((r) => r.line <= d.line && r.endLine >= d.line);
  return {
    path,
    diagnostics: kept,
    suppressed: first.suppressed.length + second.suppressed.length,
    internalErrors,
    dags: analysis.dags,
    tasks: analysis.tasks,
  };
}

/** The `report` function a rule gets: builds the diagnostic with the configured severity. */
function reporter(rule: AnyRule, setting: RuleSetting, path: string, sink: Diagnostic[]): (input: ReportInput<string>) => void {
  return (input) => {
    const template = rule.messages[input.messageId] ?? input.messageId;
    const d: Diagnostic = {
      path,
      rule: rule.id,
      category: rule.category,
      severity: setting.severityConfigured || !input.severity ? setting.severity : input.severity,
      message: formatMessage(template, input.data),
      line: input.at.line,
      column: input.at.column,
      endLine: input.at.endLine,
      endColumn: input.at.endColumn,
    };
    const dagId = input.dag?.dagId ?? input.task?.dag?.dagId;
    if (dagId?.k === 'known' && dagId.py.t === 'str') d.dagId = dagId.py.v;
    else if (input.dagId) d.dagId = input.dagId;
    if (input.task?.taskId.k === 'known' && input.task.taskId.py.t === 'str') d.taskId = input.task.taskId.py.v;
    else if (input.taskId) d.taskId = input.taskId;
    if (input.help) d.help = input.help;
    if (input.related?.length) d.related = input.related.map((r) => ({ path: r.path ?? path, line: r.line, column: r.column, message: r.message }));
    if (input.secrets?.length) d.secrets = input.secrets;
    sink.push(d);
  };
}

/**
 * Keeps every finding inside the file: lines within the text, columns within their line (+1 for the
 * end of line), the end not before the start. A rule's arithmetic (a tab's width, a logical line's
 * length) must never give an editor or a SARIF viewer a position that does not exist.
 */
function clampToText(diagnostics: Diagnostic[], text: string): void {
  if (diagnostics.length === 0) return;
  const lengths = text.split(/\r?\n/).map((l) => l.length);
  const last = lengths.length;
  for (const d of diagnostics) {
    d.line = Math.min(Math.max(1, d.line), last);
    d.column = Math.min(Math.max(1, d.column), lengths[d.line - 1]! + 1);
    d.endLine = Math.min(Math.max(d.line, d.endLine), last);
    d.endColumn = Math.min(Math.max(1, d.endColumn), lengths[d.endLine - 1]! + 1);
    if (d.endLine === d.line && d.endColumn < d.column) d.endColumn = d.column;
  }
}

function crash(path: string, rule: string, e: unknown): InternalError {
  const message = e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}` : String(e);
  return { path, rule, message };
}

/** One cursor traversal of the syntax tree for all rules with syntax listeners (none: no traversal). */
function walkSyntax(
  root: Node,
  active: { rule: AnyRule; listeners: Listeners }[],
  call: (entry: { rule: AnyRule; listeners: Listeners }, f: (l: Listeners) => void) => void,
): void {
  const byType = new Map<string, { rule: AnyRule; listeners: Listeners }[]>();
  for (const entry of active) {
    for (const type of Object.keys(entry.listeners.syntax ?? {})) {
      const list = byType.get(type) ?? [];
      list.push(entry);
      byType.set(type, list);
    }
  }
  if (byType.size === 0) return;
  const cursor = root.walk();
  try {
    for (;;) {
      const entries = byType.get(cursor.nodeType);
      if (entries) {
        const node = cursor.currentNode;
        for (const entry of entries) call(entry, (l) => l.syntax?.[node.type]?.(node));
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return;
    }
  } finally {
    cursor.delete();
  }
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function dedupe(sorted: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.path === d.path && prev.line === d.line && prev.column === d.column && prev.rule === d.rule && prev.message === d.message) continue;
    out.push(d);
  }
  return out;
}
