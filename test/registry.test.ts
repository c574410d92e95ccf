// The registry, the rule files, their docs and fixtures agree; ids are kebab-case and unique; every
// message placeholder is one the rule supplies; the core layers import no node:* module.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { catalog } from '../src/index.js';
import { renderConfigSchema } from '../src/config/index.js';
import { placeholders } from '../src/engine/rule.js';
import { CATEGORIES } from '../src/engine/types.js';

const repo = path.join(import.meta.dirname, '..');

describe('registry', () => {
  const files = readdirSync(path.join(repo, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();

  it('lists every rules/*.ts file exactly once, with id = file name', () => {
    expect(rules.map((r) => r.id).sort()).toEqual(files);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: metadata, docs, fixtures, messages', (id, rule) => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(CATEGORIES).toContain(rule.category);
    expect(rule.summary.length).toBeGreaterThan(10);
    expect(readdirSync(path.join(repo, 'rules'))).toContain(`${id}.md`);
    expect(readdirSync(path.join(repo, 'fixtures', 'rules'))).toContain(id);
    const source = readFileSync(path.join(repo, 'rules', `${id}.ts`), 'utf8');
    for (const [messageId, template] of Object.entries(rule.messages)) {
      expect(source, `message "${messageId}" is used`).toMatch(new RegExp(`messageId: '${messageId}'`));
      for (const p of placeholders(template)) expect(source, `placeholder {${p}} of "${messageId}" is supplied`).toMatch(new RegExp(`\\b${p}\\b\\s*[:,}]`));
    }
  });

  it('the published config schema is up to date (npm run docs refreshes it)', () => {
    expect(readFileSync(path.join(repo, 'schema', 'airlint.schema.json'), 'utf8')).toBe(renderConfigSchema(catalog()));
  });
});

describe('layering', () => {
  const pure = ['src/parse', 'src/model', 'src/project', 'src/engine', 'rules'];
  const tsFiles = (dir: string): string[] =>
    readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  it.each(pure.flatMap(tsFiles))('%s imports no node:* module', (file) => {
    const text = readFileSync(path.join(repo, file), 'utf8');
    expect(text).not.toMatch(/from ['"](node:|fs|path|os|child_process)['"/]/);
  });
});
