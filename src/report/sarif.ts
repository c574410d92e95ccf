// SARIF 2.1.0, shaped for GitHub code scanning (github/codeql-action upload-sarif). Pure: rule
// documentation comes in through the options (the CLI reads rules/<id>.md), never from disk here.
import { createHash } from 'node:crypto';
import type { ArtifactLocation, Log, Notification, PhysicalLocation, Region, ReportingDescriptor, Result } from 'sarif';
import type { Category, Diagnostic, Severity } from '../engine/types.js';
import type { RunResult } from './types.js';

/** The project's home page (`tool.driver.informationUri`). */
export const HOMEPAGE = 'https://github.com/airlint/airlint';

/**
 * Where a rule's documentation lives on the web (`helpUri`): its `rules/<id>.md` on the default
 * branch, the same file `airlint explain <id>` prints and SARIF's `help.markdown` carries.
 */
export function ruleDocsUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/rules/${id}.md`;
}

/** What SARIF says about a rule: its registry metadata and, when known, its documentation. */
export interface RuleDescription {
  id: string;
  category: Category;
  /** The default severity (`defaultConfiguration.level`); configuration may change a finding's. */
  severity: Severity;
  summary: string;
  /** The rule's Markdown documentation (rules/<id>.md). */
  docs?: string;
}

export interface SarifOptions {
  /**
   * Every rule of the registry, so `tool.driver.rules` is the same from run to run whatever fired.
   * When absent, only the rules with findings are described, from the findings themselves.
   */
  rules?: readonly RuleDescription[];
  /** Absolute `file://` URI (ending in `/`) of the folder the paths are relative to: `%SRCROOT%`. */
  baseUri?: string;
  /** Rules that crashed: the run is then not `executionSuccessful`. Their messages are not shown. */
  internalErrors?: readonly { path: string; rule: string | null }[];
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub's `security-severity` (0.1 to 10: low below 4, medium below 7, high below 9, critical). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0' };

/** GitHub's `problem.severity` for rules that are not security rules. */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** GitHub ignores (and the schema does not limit) longer descriptions; 1024 is GitHub's cap. */
const MAX_DESCRIPTION = 1024;

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** Markdown inline syntax as plain text: code spans, emphasis and links keep only their text. */
function plainText(md: string): string {
  return md
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2');
}

/** The first paragraph after the title: what the rule reports, in a few sentences. */
function firstParagraph(md: string): string | undefined {
  const lines = md.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && (lines[i]!.trim() === '' || lines[i]!.startsWith('#'))) i++;
  const para: string[] = [];
  for (; i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.startsWith('#'); i++) para.push(lines[i]!.trim());
  return para.length > 0 ? para.join(' ') : undefined;
}

function descriptor(rule: RuleDescription): ReportingDescriptor {
  const helpUri = ruleDocsUrl(rule.id);
  const paragraph = rule.docs !== undefined ? firstParagraph(rule.docs) : undefined;
  const security = rule.category === 'security';
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: truncate(rule.summary, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(paragraph !== undefined ? plainText(paragraph) : rule.summary, MAX_DESCRIPTION) },
    help:
      rule.docs !== undefined
        ? { text: rule.docs, markdown: rule.docs }
        : { text: `${rule.summary}\n\nDocumentation: ${helpUri}` },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [rule.category],
      ...(security ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : { 'problem.severity': PROBLEM_SEVERITY[rule.severity] }),
    },
  };
}

/** A path as shown to the user (relative, `/` separators) as a URI reference; absolute paths as `file:` URIs. */
function artifactLocation(p: string): ArtifactLocation {
  const posix = p.replace(/\\/g, '/');
  const encoded = posix
    .split('/')
    .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (posix.startsWith('/')) return { uri: `file://${encoded}` };
  if (/^[A-Za-z]:\//.test(posix)) return { uri: `file:///${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

/** A non-empty region: GitHub drops an annotation whose end is not after its start. */
function region(d: Diagnostic): Region {
  const endLine = Math.max(d.endLine, d.line);
  const endColumn = endLine === d.line ? Math.max(d.endColumn, d.column + 1) : Math.max(d.endColumn, 1);
  return { startLine: d.line, startColumn: d.column, endLine, endColumn };
}

/** SARIF embedded links: literal brackets in link-bearing messages are escaped with a backslash. */
function escapeBrackets(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

/**
 * What identifies a finding apart from where it is: line numbers inside the message (`at line 12`,
 * `etl.py:12`) are left out so that inserting lines above a finding keeps its fingerprint.
 */
function fingerprintKey(d: Diagnostic): string {
  const message = d.message
    .replace(/\b(lines?)\s+\d+(\s*(,|and|-)\s*\d+)*/gi, '$1 #')
    .replace(/(\.py):\d+(:\d+)?/g, '$1:#');
  return [d.rule, d.path, d.dagId ?? '', d.taskId ?? '', message].join('\u0000');
}

function result(d: Diagnostic, ruleIndex: number, fingerprint: string): Result {
  const related = d.related ?? [];
  const text =
    related.length > 0
      ? `${escapeBrackets(d.message)} (see ${related.map((r, i) => `[${escapeBrackets(r.message)}](${i + 1})`).join(', ')})`
      : d.message;
  const physicalLocation: PhysicalLocation = { artifactLocation: artifactLocation(d.path), region: region(d) };
  return {
    ruleId: d.rule,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text },
    locations: [{ physicalLocation }],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((r, i) => ({
            id: i + 1,
            physicalLocation: { artifactLocation: artifactLocation(r.path), region: { startLine: r.line, startColumn: r.column } },
            message: { text: r.message },
          })),
        }
      : {}),
    partialFingerprints: { 'airlintFindingHash/v1': fingerprint },
    ...(d.dagId !== undefined || d.taskId !== undefined
      ? { properties: { ...(d.dagId !== undefined ? { dagId: d.dagId } : {}), ...(d.taskId !== undefined ? { taskId: d.taskId } : {}) } }
      : {}),
  };
}

export function formatSarif(run: RunResult, opts: SarifOptions = {}): string {
  // Without the registry, describe the rules that fired from their findings.
  const described: RuleDescription[] = opts.rules ? [...opts.rules] : [];
  const index = new Map(described.map((r, i) => [r.id, i]));
  for (const d of run.diagnostics) {
    if (index.has(d.rule)) continue;
    index.set(d.rule, described.length);
    described.push({ id: d.rule, category: d.category, severity: d.severity, summary: `airlint rule ${d.rule} (${d.category})` });
  }

  const seen = new Map<string, number>();
  const results = run.diagnostics.map((d) => {
    const key = fingerprintKey(d);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
    return result(d, index.get(d.rule)!, `${hash}:${n}`);
  });

  const internal = opts.internalErrors ?? [];
  const notifications: Notification[] = internal.map((e) => ({
    level: 'error',
    message: { text: `internal error${e.rule ? ` in rule ${e.rule}` : ''}: ${e.path} was not fully checked` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.path) } }],
    ...(e.rule && index.has(e.rule) ? { associatedRule: { id: e.rule, index: index.get(e.rule)! } } : {}),
  }));

  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'airlint',
            version: run.toolVersion,
            semanticVersion: run.toolVersion,
            informationUri: HOMEPAGE,
            rules: described.map(descriptor),
          },
        },
        automationDetails: { id: 'airlint/' },
        originalUriBaseIds: {
          '%SRCROOT%': opts.baseUri
            ? { uri: opts.baseUri }
            : { description: { text: 'The folder airlint ran in (the repository root in CI): file paths are relative to it.' } },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: internal.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
