// Shared test helpers: one Linter per test file, settings for "only these rules".
import { defaultOptions, Linter } from '../../src/index.js';
import type { LintSettings } from '../../src/engine/lint.js';
import { rules } from '../../rules/index.js';

let shared: Promise<Linter> | null = null;

export function linter(): Promise<Linter> {
  shared ??= Linter.create();
  return shared;
}

export function onlyRules(ids: string[], opts: { airflowVersion?: string | null; options?: Record<string, unknown>; connections?: readonly string[] | null } = {}): LintSettings {
  const map = new Map<string, { severity: 'error' | 'warning' | 'info'; options: Record<string, unknown> }>();
  for (const id of ids) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) throw new Error(`unknown rule ${id}`);
    map.set(id, { severity: rule.severity, options: { ...defaultOptions(rule), ...(id === ids[0] ? opts.options : {}) } });
  }
  return { rules: map, airflowVersion: opts.airflowVersion ?? null, connections: opts.connections ?? null };
}
