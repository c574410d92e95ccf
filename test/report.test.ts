// Reporter goldens: the same input rendered in every format must match fixtures/format/expected.*.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatResults, FORMATS, summaryLine, type RuleDescription } from '../src/report/index.js';
import { defaultSettings } from '../src/index.js';
import { redact } from '../src/engine/types.js';
import { rules } from '../rules/index.js';
import { linter } from './support/linter.js';

/** What the SARIF golden describes: the rules that fire plus a security rule, with stand-in docs (so doc edits do not touch the golden). */
const GOLDEN_RULES: RuleDescription[] = rules
  .filter((r) => ['dag-cycle', 'invalid-schedule', 'missing-retries', 'hardcoded-secret'].includes(r.id))
  .map(({ id, category, severity, summary }) => ({ id, category, severity, summary, docs: `# ${id}\n\n${summary} See \`airlint explain ${id}\`.\n\n## Example\n\nNone.\n` }));

const dir = path.join(import.meta.dirname, '..', 'fixtures', 'format');

async function run() {
  const text = readFileSync(path.join(dir, 'input.py'), 'utf8');
  const r = (await linter()).lintText(text, 'fixtures/format/input.py', defaultSettings());
  return {
    diagnostics: r.diagnostics,
    sources: new Map([[r.path, text]]),
    summary: { files: 1, dags: r.dags, tasks: r.tasks, suppressed: r.suppressed },
    toolVersion: '0.0.0-test',
  };
}

describe('reporters', () => {
  it.each(FORMATS)('%s matches its golden', async (format) => {
    const out = formatResults(format, await run(), { color: false, rules: GOLDEN_RULES });
    const ext = format === 'json' || format === 'sarif' ? format : `${format}.txt`;
    await expect(out).toMatchFileSnapshot(path.join(dir, `expected.${ext}`));
  });

  it('json is valid, versioned and counts what it lists', async () => {
    const doc = JSON.parse(formatResults('json', await run(), { color: false })) as {
      version: number;
      diagnostics: { severity: string; line: number; endColumn: number; column: number }[];
      summary: Record<string, number>;
    };
    expect(doc.version).toBe(1);
    expect(doc.summary.errors).toBe(doc.diagnostics.filter((d) => d.severity === 'error').length);
    expect(doc.summary.suppressed).toBe(1);
    for (const d of doc.diagnostics) expect(d.endColumn).toBeGreaterThan(0);
  });

  it('colours only when asked', async () => {
    const result = await run();
    expect(formatResults('text', result, { color: false })).not.toContain('\u001b[');
    expect(formatResults('text', result, { color: true })).toContain('\u001b[');
  });

  it('quiet drops the summary line', async () => {
    const result = await run();
    const out = formatResults('concise', result, { color: false, quiet: true });
    expect(out).not.toContain(summaryLine(result));
    expect(out.trim().split('\n')).toHaveLength(result.diagnostics.length);
  });

  it('summarises a clean run', () => {
    expect(summaryLine({ diagnostics: [], sources: new Map(), summary: { files: 41, dags: 0, tasks: 0, suppressed: 0 }, toolVersion: 'x' })).toBe('All checks passed (41 files).');
  });
});

describe('secrets', () => {
  it('are masked in code frames and redacted to 4 characters and a length', () => {
    const line = 'conn = Connection(conn_id="x", password="hunter22-correct-horse")';
    const start = line.indexOf('"hunter') + 1;
    const secret = 'hunter22-correct-horse';
    const d = {
      path: 'a.py', rule: 'hardcoded-secret', category: 'security' as const, severity: 'error' as const,
      message: `a literal password (${redact(secret)})`, line: 1, column: start, endLine: 1, endColumn: start + secret.length,
      secrets: [{ line: 1, column: start + 1, endLine: 1, endColumn: start + 1 + secret.length }],
    };
    const result = { diagnostics: [d], sources: new Map([['a.py', line]]), summary: { files: 1, dags: 0, tasks: 0, suppressed: 0 }, toolVersion: 'x' };
    for (const format of FORMATS) {
      const out = formatResults(format, result, { color: false });
      expect(out).not.toContain(secret);
    }
    expect(redact(secret)).toBe('hunt…(22 chars)');
    expect(redact('abc')).toBe('…(3 chars)');
    expect(formatResults('text', result, { color: false })).toContain('conn = Connection(conn_id="x", password="hunt…(22 chars)');
  });
});
