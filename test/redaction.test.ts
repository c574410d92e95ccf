// Secrets the security rules find never appear in any output: lint every bad fixture of those rules
// with all recommended rules, render it in every format, and look for the literals' secret parts.
// test/leaks.test.ts does the same through every entry point (CLI, inspect, Action, language server).
import { describe, expect, it } from 'vitest';
import { FORMATS, formatResults, type RunResult } from '../src/report/index.js';
import { defaultSettings } from '../src/index.js';
import { linter } from './support/linter.js';
import { secretFixtures, secretsOf } from './support/secrets.js';

const cases = secretFixtures().map((f) => [f.rule, f.file, f.text] as const);

describe('security findings are redacted in every output format', () => {
  it.each(cases)('%s/%s', async (id, file, text) => {
    const shown = `fixtures/rules/${id}/${file}`;
    const l = await linter();
    const result = l.lintText(text, shown, defaultSettings(l.registry));
    expect(result.diagnostics.some((d) => d.rule === id)).toBe(true);
    const secrets = await secretsOf(text);
    expect(secrets.length).toBeGreaterThan(0);
    const run: RunResult = {
      diagnostics: result.diagnostics,
      sources: new Map([[shown, text]]),
      summary: { files: 1, dags: 0, tasks: 0, suppressed: 0 },
      toolVersion: '0.0.0-test',
    };
    for (const format of FORMATS) {
      const output = formatResults(format, run, { color: false });
      for (const secret of secrets) expect(output.includes(secret), `${format} output shows ${JSON.stringify(secret.slice(0, 6))}…`).toBe(false);
    }
  });

  it('covers every output format', () => {
    expect([...FORMATS].sort()).toEqual(expect.arrayContaining(['concise', 'json', 'text']));
  });
});
