// Rule documentation is executable: each rules/<id>.md has the fixed sections, its Example block
// must report the rule and its "Use instead" block must not. The README's rules table is generated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { defaultOptions } from '../src/index.js';
import { rulesTable } from '../src/docs.js';
import { linter } from './support/linter.js';

const repo = path.join(import.meta.dirname, '..');
const SECTIONS = ['What it does', 'Why it matters', 'Example', 'Use instead', 'Options', 'References'];

function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const rest = md.slice(start + title.length + 5);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

function pythonBlock(text: string): string | null {
  const m = /```python\n([\s\S]*?)```/.exec(text);
  return m ? m[1]! : null;
}

describe.each(rules.map((r) => r.id))('rules/%s.md', (id) => {
  const md = readFileSync(path.join(repo, 'rules', `${id}.md`), 'utf8');
  const rule = rules.find((r) => r.id === id)!;

  it('has the title and the fixed sections in order', () => {
    expect(md.startsWith(`# ${id}\n`)).toBe(true);
    const found = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(found).toEqual(SECTIONS);
  });

  it('documents every option', () => {
    const options = section(md, 'Options');
    for (const name of Object.keys(rule.options)) expect(options).toContain(`\`${name}\``);
  });

  it('Example reports the rule and "Use instead" does not', async () => {
    const l = await linter();
    const settings = new Map<string, { severity: 'error' | 'warning' | 'info'; options: Record<string, unknown> }>();
    for (const r of rules) if (r.recommended || r.id === id) settings.set(r.id, { severity: r.severity, options: defaultOptions(r) });
    const bad = pythonBlock(section(md, 'Example'));
    const good = pythonBlock(section(md, 'Use instead'));
    expect(bad, 'Example has a ```python block').not.toBeNull();
    expect(good, 'Use instead has a ```python block').not.toBeNull();
    // A connection inventory for the examples of rules that need one: `<!-- ... airlint-test: connections=a,b -->`.
    const inventory = /<!--[^>]*?airlint-test:\s*connections=([\w,.-]*)[^>]*-->/.exec(md);
    const connections = inventory ? inventory[1]!.split(',').filter(Boolean) : null;
    const badResult = l.lintText(bad!, 'example.py', { rules: settings, airflowVersion: null, connections });
    expect(badResult.diagnostics.map((d) => d.rule)).toContain(id);
    const goodResult = l.lintText(good!, 'use_instead.py', { rules: settings, airflowVersion: null, connections });
    expect(goodResult.diagnostics.filter((d) => d.rule === id)).toEqual([]);
  });
});

describe('README', () => {
  it('has the generated rules table (npm run docs refreshes it)', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- rules:start -->');
    const end = readme.indexOf('<!-- rules:end -->');
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + '<!-- rules:start -->'.length, end).trim()).toBe(rulesTable().trim());
  });
});
