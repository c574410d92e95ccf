// Multi-file fixture projects (fixtures/projects/<case>/, each with its own airlint.toml): every file's
// `# expect:` comments must match what airlint reports on it when the whole folder is linted, when the
// file alone is linted (as pre-commit or an editor would), and when the files come in two chunks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Diagnostic } from '../src/engine/types.js';
import { compareExpectations, parseExpectations } from './support/expect.js';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'projects');
const cases = readdirSync(root).filter((d) => statSync(path.join(root, d)).isDirectory()).sort();

function pyFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name.startsWith('.') ? [] : pyFiles(dir, p);
    return e.name.endsWith('.py') ? [p] : [];
  });
}

async function lint(cwd: string, args: string[]): Promise<{ code: number; diagnostics: Diagnostic[]; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['check', '--format', 'json', '--no-cache', ...args], { cwd, env: {}, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => '', isTTY: false });
  const parsed = JSON.parse(out) as { diagnostics: Diagnostic[] };
  return { code, diagnostics: parsed.diagnostics, err };
}

function mismatches(dir: string, files: readonly string[], diagnostics: readonly Diagnostic[]): string[] {
  return files.flatMap((f) => compareExpectations(parseExpectations(readFileSync(path.join(dir, f), 'utf8')), diagnostics.filter((d) => d.path === f)).map((p) => `${f}: ${p}`));
}

it('has fixture projects for every project rule, in both directions', () => {
  const all = cases.flatMap((c) => pyFiles(path.join(root, c)).map((f) => readFileSync(path.join(root, c, f), 'utf8'))).join('\n');
  for (const id of ['duplicate-dag-id', 'unknown-dag-reference', 'cross-dag-cycle']) expect(all).toContain(`expect: ${id}`);
  expect(cases.filter((c) => c.endsWith('-silent')).length).toBeGreaterThan(3);
});

describe.each(cases)('%s', (name) => {
  const dir = path.join(root, name);
  const files = pyFiles(dir).sort();

  it('whole folder: every file gets exactly its expected findings', async () => {
    const r = await lint(dir, ['.']);
    expect(r.err).toBe('');
    expect(mismatches(dir, files, r.diagnostics)).toEqual([]);
    // Related locations in other files point at files of the project.
    for (const d of r.diagnostics) for (const rel of d.related ?? []) expect(files, `${d.path}: related ${rel.path}`).toContain(rel.path);
  });

  it('one file at a time: the same findings on the file given, and nothing on the others', async () => {
    for (const f of files) {
      const r = await lint(dir, [f]);
      expect(r.diagnostics.filter((d) => d.path !== f)).toEqual([]);
      expect(mismatches(dir, [f], r.diagnostics), f).toEqual([]);
    }
  });

  it('in two chunks (as pre-commit splits files): the union equals the whole-folder run', async () => {
    const whole = await lint(dir, ['.']);
    const half = Math.ceil(files.length / 2);
    const a = await lint(dir, files.slice(0, half));
    const b = await lint(dir, files.slice(half));
    const key = (d: Diagnostic): string => `${d.path}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    expect([...a.diagnostics, ...b.diagnostics].map(key).sort()).toEqual(whole.diagnostics.map(key).sort());
  });

  it('--no-project: no finding that needs another file', async () => {
    for (const f of files) {
      const r = await lint(dir, ['--no-project', f]);
      for (const d of r.diagnostics) for (const rel of d.related ?? []) expect(rel.path).toBe(f);
    }
  });
});
