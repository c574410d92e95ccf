// SARIF and GitHub workflow commands: valid against the official SARIF 2.1.0 schema, accepted by
// Microsoft's SARIF multitool with GitHub's ingestion rules, stable fingerprints, and escaping.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as cliRun } from '../src/cli/main.js';
import { defaultSettings } from '../src/index.js';
import type { Diagnostic } from '../src/engine/types.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { formatResults, ruleDocsUrl, type RunResult } from '../src/report/index.js';
import { rules } from '../rules/index.js';
import { linter } from './support/linter.js';
import { multitool, sarifSchemaErrors as schemaErrors } from './support/sarif-schema.js';

const repo = path.join(import.meta.dirname, '..');
const formatDir = path.join(repo, 'fixtures', 'format');

/**
 * Notes the multitool's SARIF and GitHub rules raise on every airlint log, by design: message ids
 * instead of text (SARIF2002), version control provenance (SARIF2003), rule ids without a tool
 * prefix and number (SARIF2009; ours are stable names), and code snippets or context regions
 * (SARIF2010, SARIF2011; never added, as they could show secrets).
 */
const ACCEPTED_NOTES = new Set(['SARIF2002', 'SARIF2003', 'SARIF2009', 'SARIF2010', 'SARIF2011']);

/** A multitool policy turning off SARIF2006 (it fetches every URI: slow, and meaningless offline). */
const POLICY = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

/** Runs `Sarif.Multitool validate --rule-kind "Gh;Sarif"` on a file and returns what it found. */
function multitoolFindings(file: string): { level: string; ruleId: string; text: string }[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlint-sarif-'));
  const out = path.join(dir, 'validation.sarif');
  writeFileSync(path.join(dir, 'policy.xml'), POLICY);
  // The multitool exits 0 even when it finds errors: its own SARIF output is the verdict.
  execFileSync(multitool, ['validate', file, '-o', out, '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning;Note', '--log', 'ForceOverwrite', '-c', path.join(dir, 'policy.xml')], { stdio: 'pipe' });
  const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
  const run = log.runs[0]!;
  const driverRules = run.tool.driver.rules ?? [];
  expect(run.invocations?.[0]?.executionSuccessful).toBe(true);
  return (run.results ?? []).map((r) => {
    const rule = driverRules.find((d) => d.id === r.ruleId);
    const template = r.message.id ? (rule?.messageStrings?.[r.message.id]?.text ?? r.message.id) : (r.message.text ?? '');
    const text = template.replace(/\{(\d+)\}/g, (_, i: string) => r.message.arguments?.[Number(i)] ?? '');
    return { level: r.level ?? 'warning', ruleId: r.ruleId ?? '', text };
  });
}

function unexpectedFindings(file: string): string[] {
  return multitoolFindings(file)
    .filter((f) => f.level !== 'note' || !ACCEPTED_NOTES.has(f.ruleId))
    .map((f) => `${f.level} ${f.ruleId}: ${f.text}`);
}

async function lintFormatInput(text = readFileSync(path.join(formatDir, 'input.py'), 'utf8')): Promise<RunResult> {
  const r = (await linter()).lintText(text, 'fixtures/format/input.py', defaultSettings());
  return { diagnostics: r.diagnostics, sources: new Map([[r.path, text]]), summary: { files: 1, dags: r.dags, tasks: r.tasks, suppressed: r.suppressed }, toolVersion: '0.0.0-test' };
}

async function cli(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliRun(argv, { cwd, env: {}, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => '', isTTY: false });
  return { code, out, err };
}

/** The SARIF the CLI writes for the example DAGs (with the registry and every rule's docs). */
let examples: { file: string; log: Log };
beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlint-sarif-cli-'));
  const file = path.join(dir, 'airlint.sarif');
  const r = await cli(repo, ['check', 'fixtures/examples', '--format', 'sarif', '--output-file', file]);
  expect(r.err).toBe('');
  expect(r.out).toBe('');
  expect(r.code).toBe(1);
  examples = { file, log: JSON.parse(readFileSync(file, 'utf8')) as Log };
});

describe('SARIF', () => {
  it('the golden and the CLI output validate against the SARIF 2.1.0 schema', async () => {
    expect(schemaErrors(JSON.parse(readFileSync(path.join(formatDir, 'expected.sarif'), 'utf8')))).toEqual([]);
    expect(schemaErrors(examples.log)).toEqual([]);
    // Without the registry (library callers): only the rules that fired, still valid.
    expect(schemaErrors(JSON.parse(formatResults('sarif', await lintFormatInput(), { color: false })))).toEqual([]);
  });

  it('the schema check catches what GitHub rejects', () => {
    const bad = structuredClone(examples.log);
    bad.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startColumn = 0;
    expect(schemaErrors(bad).join('\n')).toContain('startColumn');
  });

  it('Microsoft SARIF multitool (--rule-kind "Gh;Sarif") finds nothing but the accepted notes', () => {
    expect(unexpectedFindings(examples.file)).toEqual([]);
    expect(unexpectedFindings(path.join(formatDir, 'expected.sarif'))).toEqual([]);
  });

  it('the multitool does flag a log GitHub would reject', () => {
    const bad = structuredClone(examples.log);
    bad.runs[0]!.tool.driver.rules![0]!.shortDescription = { text: '' };
    bad.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startColumn = 0;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'airlint-sarif-bad-')), 'bad.sarif');
    writeFileSync(file, JSON.stringify(bad));
    const found = unexpectedFindings(file).join('\n');
    expect(found).toContain('JSON1008');
    expect(found).toContain('GH2012');
  });

  it('describes every rule of the registry, with its docs, whatever fired', () => {
    const run = examples.log.runs[0]!;
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'airlint', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.rules!.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    for (const [i, rule] of rules.entries()) {
      const d: ReportingDescriptor = driver.rules![i]!;
      const docs = readFileSync(path.join(repo, 'rules', `${rule.id}.md`), 'utf8');
      expect(d.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(d.name!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).slice(1)).toBe(rule.id);
      expect(d.shortDescription!.text).toBe(rule.summary);
      expect(d.fullDescription!.text.length).toBeGreaterThan(0);
      expect(d.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(d.help).toEqual({ text: docs, markdown: docs });
      expect(d.helpUri).toBe(ruleDocsUrl(rule.id));
      expect(d.defaultConfiguration!.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[rule.severity]);
      expect(d.properties!.tags).toEqual([rule.category]);
      if (rule.category === 'security') expect(d.properties!['security-severity']).toMatch(/^\d+\.\d$/);
      else expect(d.properties).not.toHaveProperty('security-severity');
    }
    expect(driver.rules!.find((r) => r.id === 'missing-retries')!.fullDescription!.text).toMatch(/^Reports a task whose effective retries is absent/);
  });

  it('results point at their rule and at a repository-relative, non-empty region', () => {
    const run = examples.log.runs[0]!;
    expect(run).toMatchObject({
      columnKind: 'utf16CodeUnits',
      automationDetails: { id: 'airlint/' },
      invocations: [{ executionSuccessful: true }],
      originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(repo).href}/` } },
    });
    const results: Result[] = run.results!;
    expect(results.length).toBeGreaterThan(10);
    for (const r of results) {
      expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(r.message.text).toBeTruthy();
      expect(r.locations).toHaveLength(1);
      const loc = r.locations![0]!.physicalLocation!;
      expect(loc.artifactLocation).toEqual({ uri: expect.stringMatching(/^fixtures\/examples\/[\w.-]+\.py$/), uriBaseId: '%SRCROOT%' });
      const { startLine, startColumn, endLine, endColumn } = loc.region!;
      expect(startLine).toBeGreaterThanOrEqual(1);
      expect(startColumn).toBeGreaterThanOrEqual(1);
      expect(endLine).toBeGreaterThanOrEqual(startLine!);
      if (endLine === startLine) expect(endColumn).toBeGreaterThan(startColumn!);
      expect(Object.keys(r.partialFingerprints!)).toEqual(['airlintFindingHash/v1']);
      // No code: snippets and context regions could show a secret.
      expect(JSON.stringify(r)).not.toMatch(/"(snippet|contextRegion)"/);
    }
    expect(new Set(results.map((r) => Object.values(r.partialFingerprints!)[0])).size).toBe(results.length);
  });

  it('related locations carry ids and messages, linked from the message', async () => {
    const log = JSON.parse(formatResults('sarif', await lintFormatInput(), { color: false })) as Log;
    const cycle = log.runs[0]!.results!.find((r) => r.ruleId === 'dag-cycle')!;
    expect(cycle.relatedLocations!.map((l) => [l.id, l.message!.text, l.physicalLocation!.region!.startLine])).toEqual([
      [1, 'extract >> transform', 22],
      [2, 'transform >> load', 22],
    ]);
    expect(cycle.message.text).toContain('[extract >> transform](1)');
  });

  it('fingerprints survive lines inserted above a finding', async () => {
    const text = readFileSync(path.join(formatDir, 'input.py'), 'utf8');
    const before = JSON.parse(formatResults('sarif', await lintFormatInput(text), { color: false })) as Log;
    const shifted = text.replace('import pendulum\n', '\n\n\nimport pendulum\n');
    const after = JSON.parse(formatResults('sarif', await lintFormatInput(shifted), { color: false })) as Log;
    const summary = (log: Log) => log.runs[0]!.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.region!.startLine, r.partialFingerprints]);
    const b = summary(before);
    const a = summary(after);
    expect(a).toHaveLength(3);
    expect(a.map(([rule, line, fp]) => [rule, (line as number) - 3, fp])).toEqual(b);
  });

  it('fingerprints ignore line numbers inside messages, and tell identical findings apart', () => {
    const d = (message: string, line: number): Diagnostic => ({ path: 'dags/a.py', rule: 'duplicate-dag-id', category: 'structure', severity: 'error', message, line, column: 1, endLine: line, endColumn: 5, dagId: 'x' });
    const fingerprints = (diagnostics: Diagnostic[]) =>
      (JSON.parse(formatResults('sarif', { diagnostics, sources: new Map(), summary: { files: 1, dags: 1, tasks: 0, suppressed: 0 }, toolVersion: '1.0.0' }, { color: false })) as Log).runs[0]!.results!.map(
        (r) => r.partialFingerprints!['airlintFindingHash/v1'],
      );
    const [a] = fingerprints([d('dag_id "x" is already used by the DAG at line 12', 20)]);
    const [b] = fingerprints([d('dag_id "x" is already used by the DAG at line 15', 23)]);
    expect(a).toBe(b);
    const [c] = fingerprints([d('dag_id "y" is already used by the DAG at line 12', 20)]);
    expect(c).not.toBe(a);
    const twice = fingerprints([d('same', 3), d('same', 9)]);
    expect(twice[0]).toMatch(/^[0-9a-f]{32}:1$/);
    expect(twice[1]).toBe(twice[0]!.replace(/:1$/, ':2'));
  });

  it('paths become URIs: encoded, relative to %SRCROOT%, or file: when absolute', () => {
    const d = (p: string): Diagnostic => ({ path: p, rule: 'empty-dag', category: 'structure', severity: 'info', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1 });
    const log = JSON.parse(
      formatResults('sarif', { diagnostics: [d('dags/my dag#1.py'), d('/abs/x.py')], sources: new Map(), summary: { files: 2, dags: 0, tasks: 0, suppressed: 0 }, toolVersion: '1.0.0' }, { color: false }),
    ) as Log;
    const locs = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!);
    expect(locs[0]!.artifactLocation).toEqual({ uri: 'dags/my%20dag%231.py', uriBaseId: '%SRCROOT%' });
    expect(locs[1]!.artifactLocation).toEqual({ uri: 'file:///abs/x.py' });
    // A zero-width finding still gets a one-character region, and info is a note.
    expect(locs[0]!.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
    expect(log.runs[0]!.results![0]!.level).toBe('note');
    expect(schemaErrors(log)).toEqual([]);
  });

  it('a rule that crashed makes the run unsuccessful without showing the error', () => {
    const out = formatResults('sarif', { diagnostics: [], sources: new Map(), summary: { files: 1, dags: 0, tasks: 0, suppressed: 0 }, toolVersion: '1.0.0' }, {
      color: false,
      internalErrors: [{ path: 'dags/a.py', rule: 'dag-cycle' }],
    });
    const log = JSON.parse(out) as Log;
    expect(log.runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toBe('internal error in rule dag-cycle: dags/a.py was not fully checked');
    expect(schemaErrors(log)).toEqual([]);
  });
});

describe('GitHub workflow commands', () => {
  const base: Diagnostic = { path: 'dags/a.py', rule: 'missing-retries', category: 'retries', severity: 'warning', message: 'm', line: 3, column: 5, endLine: 3, endColumn: 9 };
  const render = (diagnostics: Diagnostic[], quiet = true) =>
    formatResults('github', { diagnostics, sources: new Map(), summary: { files: 1, dags: 0, tasks: 0, suppressed: 0 }, toolVersion: '1.0.0' }, { color: false, quiet });

  it('escape data and properties as @actions/core does', () => {
    expect(escapeData('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext: a,b');
    expect(escapeProperty('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext%3A a%2Cb');
    expect(render([{ ...base, path: 'dags/a,b:c.py', message: 'x%y\nz' }])).toBe(
      '::warning file=dags/a%2Cb%3Ac.py,line=3,endLine=3,col=5,endColumn=9,title=missing-retries::dags/a,b:c.py:3:5: missing-retries x%25y%0Az\n',
    );
  });

  it('map severities and set columns only on single-line ranges', () => {
    const out = render([
      { ...base, severity: 'error' },
      { ...base, severity: 'info', endLine: 5, endColumn: 2, help: 'do this' },
    ]).split('\n');
    expect(out[0]).toMatch(/^::error file=dags\/a\.py,line=3,endLine=3,col=5,endColumn=9,title=missing-retries::/);
    expect(out[1]).toBe('::notice file=dags/a.py,line=3,endLine=5,title=missing-retries::dags/a.py:3:5: missing-retries m%0Ahelp: do this');
  });

  it('print every finding, then the summary unless quiet', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...base, line: i + 1, endLine: i + 1 }));
    const lines = render(many, false).trimEnd().split('\n');
    expect(lines).toHaveLength(61);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(60);
    expect(lines[60]).toBe('Found 60 warnings in 1 file (1 file checked).');
  });
});

describe('CLI', () => {
  it('lists the new formats in --help and accepts them', async () => {
    expect((await cli(repo, ['--help'])).out).toMatch(/sarif[\s\S]*github/);
    const dir = mkdtempSync(path.join(tmpdir(), 'airlint-gh-'));
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'a.py'), readFileSync(path.join(formatDir, 'input.py'), 'utf8'));
    const r = await cli(dir, ['--no-config', '-f', 'github', 'a.py']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(3);
    expect(r.out).toContain('::error file=a.py,line=23,endLine=23,col=5,endColumn=20,title=dag-cycle::a.py:23:5: dag-cycle cycle:');
  });
});
