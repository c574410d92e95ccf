// fast-check arbitraries for broken versions of real files: the rule, clean-corpus and model
// fixtures with lines and tokens deleted, duplicated and swapped, truncated at any offset, and with
// hostile characters inserted (NUL, lone surrogates, CR, tabs, a BOM, invalid UTF-8 as a reader
// decodes it). Positions are drawn as plain numbers and taken modulo the text's length, so every
// mutation applies to any text and shrinks towards the start of the file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

const repo = path.join(import.meta.dirname, '..', '..');

function pyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pyFiles(p));
    else if (entry.name.endsWith('.py')) out.push(p);
  }
  return out;
}

export interface Fixture {
  /** Repository-relative path, for messages. */
  name: string;
  text: string;
}

/** fixtures/rules/**, fixtures/corpus/clean/** and fixtures/model/*.py, in a stable order. */
export function fixtureFiles(): Fixture[] {
  const dirs = ['fixtures/rules', 'fixtures/corpus/clean', 'fixtures/model'];
  return dirs
    .flatMap((d) => pyFiles(path.join(repo, d)))
    .map((p) => path.relative(repo, p).split(path.sep).join('/'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(repo, name), 'utf8') }));
}

export type Mutation =
  | { k: 'delete-line' | 'duplicate-line' | 'delete-token' | 'duplicate-token'; at: number; other?: undefined }
  | { k: 'swap-lines' | 'swap-tokens'; at: number; other: number }
  | { k: 'repeat-line'; at: number; times: number }
  | { k: 'truncate'; at: number }
  | { k: 'insert'; at: number; text: string }
  | { k: 'replace-line-ends'; with: '\r\n' | '\r' };

/** Lines with their line ends kept, so joining gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Python-ish tokens, whitespace kept as its own tokens so joining gives the text back. */
function splitTokens(text: string): string[] {
  return text.match(/\s+|[A-Za-z_]\w*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[\s\S]/g) ?? [];
}

const MAX_REPEAT = 200_000;

function applyOne(text: string, m: Mutation): string {
  switch (m.k) {
    case 'truncate':
      return text.slice(0, text.length === 0 ? 0 : m.at % (text.length + 1));
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'repeat-line': {
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      const i = m.at % lines.length;
      const line = lines[i]!.endsWith('\n') ? lines[i]! : `${lines[i]!}\n`;
      // At most ~200 kB more: a file whose line ends became "\r" is one long line, and repeating it
      // (twice over) would make inputs of gigabytes that test nothing more.
      lines.splice(i, 1, line.repeat(Math.max(1, Math.min(m.times, Math.floor(MAX_REPEAT / line.length)))));
      return lines.join('');
    }
    case 'replace-line-ends':
      return text.replace(/\r?\n/g, m.with);
    case 'delete-line':
    case 'duplicate-line':
    case 'swap-lines': {
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      const i = m.at % lines.length;
      if (m.k === 'delete-line') lines.splice(i, 1);
      else if (m.k === 'duplicate-line') lines.splice(i, 0, lines[i]!);
      else {
        const j = (m.other ?? 0) % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return lines.join('');
    }
    case 'delete-token':
    case 'duplicate-token':
    case 'swap-tokens': {
      const tokens = splitTokens(text);
      const solid = tokens.map((t, i) => (/^\s+$/.test(t) ? -1 : i)).filter((i) => i >= 0);
      if (solid.length === 0) return text;
      const i = solid[m.at % solid.length]!;
      if (m.k === 'delete-token') tokens.splice(i, 1);
      else if (m.k === 'duplicate-token') tokens.splice(i, 0, tokens[i]!);
      else {
        const j = solid[(m.other ?? 0) % solid.length]!;
        [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      }
      return tokens.join('');
    }
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyOne, text);
}

/** What a reader gets from arbitrary bytes: `readFile(path, 'utf8')` turns invalid UTF-8 into U+FFFD. */
const decodedBytes = fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b).toString('utf8'));

const hostileText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('\0', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\r', '\r\n', '\t', '\uFEFF', '\u2028', '\u0085', '\x1b[31m', '\\', '\f', '\v', '😀', 'é', '\u0301', '\uFFFD'),
  },
  { weight: 4, arbitrary: fc.constantFrom('(', ')', '[', ']', '{', '}', '"', "'", '"""', ':', ',', '>>', '<<', '#', '@', '=', '**', 'f"', '{{', '\n    ', '\n\t', '\n') },
  { weight: 2, arbitrary: fc.constantFrom('DAG(', 'task_id=', 'retries=', '@task\n', 'with ', 'lambda', 'chain(', '>> [', 'default_args=', '# airlint: ignore[', '# airlint: ignore-file\n') },
  { weight: 2, arbitrary: decodedBytes },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'delete-token' as const, 'duplicate-token' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('swap-lines' as const, 'swap-tokens' as const), at: fc.nat(), other: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('repeat-line' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 120 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('insert' as const), at: fc.nat(), text: hostileText }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('replace-line-ends' as const), with: fc.constantFrom('\r\n' as const, '\r' as const) }) },
);

export interface MutatedFixture {
  fixture: string;
  /** A second fixture appended to the first before the mutations (more DAGs, clashing ids and names). */
  appended: string | null;
  mutations: Mutation[];
  text: string;
}

/** A fixture (sometimes two, one after the other) with one to five mutations applied in turn. */
export function mutatedFixture(fixtures: readonly Fixture[]): fc.Arbitrary<MutatedFixture> {
  return fc
    .tuple(fc.nat(fixtures.length - 1), fc.option(fc.nat(fixtures.length - 1), { freq: 6 }), fc.array(mutation, { minLength: 1, maxLength: 5 }))
    .map(([i, j, mutations]) => {
      const base = fixtures[i]!.text + (j === null ? '' : `\n${fixtures[j]!.text}`);
      return { fixture: fixtures[i]!.name, appended: j === null ? null : fixtures[j]!.name, mutations, text: applyMutations(base, mutations) };
    });
}
