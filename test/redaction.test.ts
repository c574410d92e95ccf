// Secrets the security rules find never appear in any output: lint every bad fixture of those rules
// with all recommended rules, render it in every format, and look for the literals' secret parts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFileModel } from '../src/model/index.js';
import { PythonParser } from '../src/parse/parser.js';
import { grammarPath } from '../src/grammar.js';
import { FORMATS, formatResults, type RunResult } from '../src/report/index.js';
import { defaultSettings } from '../src/index.js';
import { parseExpectations } from './support/expect.js';
import { linter } from './support/linter.js';

const SECRET_RULES = ['hardcoded-aws-credentials', 'hardcoded-secret', 'credentials-in-uri', 'hardcoded-connection-env', 'hardcoded-role-arn'];
const root = path.join(import.meta.dirname, '..', 'fixtures', 'rules');

/**
 * The secret parts of the literals bound on the lines where a security finding is expected: the
 * value and every piece of it (split at URI, JSON, header and command separators) that is long and
 * has a digit, which is what keys, tokens and passwords look like and names and hostnames do not.
 */
async function secretsOf(text: string): Promise<string[]> {
  const exp = parseExpectations(text);
  const lines = new Set([...exp.byLine].filter(([, ids]) => ids.some((id) => SECRET_RULES.includes(id))).map(([line]) => line));
  const parsed = (await PythonParser.create(grammarPath())).parse(text);
  try {
    const out = new Set<string>();
    for (const b of buildFileModel(parsed).strings()) {
      if (b.kind === 'other' || !lines.has(b.bindingLoc.line)) continue; // dict keys are 'other'
      for (const piece of [b.value, ...b.value.split(/[\s:@?&=,'"{}[\]]+|-----/)]) {
        if (piece.length >= 8 && /\d/.test(piece)) out.add(piece);
        // PEM bodies and AWS secret keys contain "/": check their halves too.
        for (const half of piece.split('/')) if (half.length >= 12 && /\d/.test(half)) out.add(half);
      }
    }
    return [...out];
  } finally {
    parsed.dispose();
  }
}

const cases = SECRET_RULES.flatMap((id) =>
  readdirSync(path.join(root, id))
    .filter((f) => f.startsWith('bad-') && f.endsWith('.py'))
    .sort()
    .map((f) => [id, f] as const),
);

describe('security findings are redacted in every output format', () => {
  it.each(cases)('%s/%s', async (id, file) => {
    const text = readFileSync(path.join(root, id, file), 'utf8');
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
