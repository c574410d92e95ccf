// Every fixture under fixtures/rules/<rule-id>/ is linted with that rule (plus any the fixture enables)
// and its `# expect:` comments must match the diagnostics exactly, in both directions.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { compareExpectations, parseExpectations } from './support/expect.js';
import { linter, onlyRules } from './support/linter.js';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'rules');

describe.each(rules.map((r) => r.id))('%s', (id) => {
  const dir = path.join(root, id);
  const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();

  it('has bad-* and ok-* fixtures, including an unknown/dynamic case', () => {
    expect(files.some((f) => f.startsWith('bad-'))).toBe(true);
    expect(files.some((f) => f.startsWith('ok-'))).toBe(true);
    expect(files.some((f) => /^ok-.*(dynamic|unknown)/.test(f))).toBe(true);
  });

  it.each(files)('%s', async (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const exp = parseExpectations(text);
    const l = await linter();
    const result = l.lintText(text, `fixtures/rules/${id}/${file}`, onlyRules([id, ...exp.enable.filter((e) => e !== id)], { airflowVersion: exp.airflowVersion, options: exp.options, connections: exp.connections }));
    expect(result.internalErrors).toEqual([]);
    const own = result.diagnostics;
    if (file.startsWith('bad-')) expect(own.some((d) => d.rule === id), `${file} must report ${id}`).toBe(true);
    if (file.startsWith('ok-')) expect(own.filter((d) => d.rule === id), `${file} must not report ${id}`).toEqual([]);
    expect(compareExpectations(exp, own)).toEqual([]);
  });
});
