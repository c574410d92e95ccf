// The secret fixtures of the security rules and the secret parts of their literals, shared by the
// redaction test (every format) and the leak test (every entry point).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildFileModel } from '../../src/model/index.js';
import { PythonParser } from '../../src/parse/parser.js';
import { grammarPath } from '../../src/grammar.js';
import { parseExpectations } from './expect.js';

export const SECRET_RULES = ['hardcoded-aws-credentials', 'hardcoded-secret', 'credentials-in-uri', 'hardcoded-connection-env', 'hardcoded-role-arn'];
const root = path.join(import.meta.dirname, '..', '..', 'fixtures', 'rules');

export interface SecretFixture {
  rule: string;
  file: string;
  /** Repository-relative path. */
  shown: string;
  text: string;
}

/** Every `bad-*.py` fixture of the security rules. */
export function secretFixtures(): SecretFixture[] {
  return SECRET_RULES.flatMap((rule) =>
    readdirSync(path.join(root, rule))
      .filter((f) => f.startsWith('bad-') && f.endsWith('.py'))
      .sort()
      .map((file) => ({ rule, file, shown: `fixtures/rules/${rule}/${file}`, text: readFileSync(path.join(root, rule, file), 'utf8') })),
  );
}

let parser: Promise<PythonParser> | null = null;

/** Lines where a fixture expects a security finding. */
export function secretLines(text: string): Set<number> {
  const exp = parseExpectations(text);
  return new Set([...exp.byLine].filter(([, ids]) => ids.some((id) => SECRET_RULES.includes(id))).map(([line]) => line));
}

/**
 * The secret parts of the literals bound on the lines where a security finding is expected: the
 * value and every piece of it (split at URI, JSON, header and command separators) that is long and
 * has a digit, which is what keys, tokens and passwords look like and names and hostnames do not.
 */
export async function secretsOf(text: string): Promise<string[]> {
  const lines = secretLines(text);
  parser ??= PythonParser.create(grammarPath());
  const parsed = (await parser).parse(text);
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
