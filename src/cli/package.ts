// Files shipped in the airlint package itself (rules/*.md), found from src/ or dist/src/: shared by
// the CLI, the GitHub Action entry point and SARIF's rule descriptions.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyRule } from '../engine/rule.js';
import { catalog, rules } from '../index.js';
import type { RuleDescription } from '../report/index.js';

/** The package folder (holds package.json and rules/*.md), whether running from src/ or dist/src/. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'airlint') return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the airlint package folder');
}

/** A rule's documentation (rules/<id>.md), or undefined for a rule without one (tests register their own). */
export function ruleDocs(id: string): string | undefined {
  const file = path.join(packageRoot(), 'rules', `${id}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Every rule with its documentation: the rule list SARIF describes. */
export function ruleDescriptions(registry: readonly AnyRule[] = rules): RuleDescription[] {
  return catalog(registry).map(({ id, category, severity, summary }) => {
    const docs = ruleDocs(id);
    return { id, category, severity, summary, ...(docs !== undefined ? { docs } : {}) };
  });
}
