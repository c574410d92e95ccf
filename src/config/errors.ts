// ConfigError and the helpers that make configuration messages useful: where the problem is
// (file and key path, rendered the way the user wrote it) and what they probably meant.

import path from 'node:path';
import { closest } from '../engine/suggest.js';

/** A configuration problem: the CLI prints the message and exits with code 2. */
export class ConfigError extends Error {
  /** Absolute path of the file at fault; `null` for CLI flags or when no file is involved. */
  readonly file: string | null;
  /** Dotted key path inside the airlint configuration (`rules.missing-retries.minimum`), or `null`. */
  readonly key: string | null;

  constructor(message: string, file: string | null = null, key: string | null = null) {
    super(message);
    this.name = 'ConfigError';
    this.file = file;
    this.key = key;
  }
}

/** How a config file spells nested keys, so messages point at what the user typed. */
export interface KeyStyle {
  /** `toml` renders `[tool.airlint.rules.x] minimum`; `dotted` renders `airlint.rules.x.minimum`. */
  kind: 'toml' | 'dotted';
  /** Segments that lead to the airlint table inside the file (`['tool', 'airlint']` in pyproject). */
  prefix: readonly string[];
}

export const DOTTED: KeyStyle = { kind: 'dotted', prefix: [] };

/** The key style of a config file, from its name. */
export function keyStyleFor(file: string): KeyStyle {
  const base = path.basename(file);
  if (base === 'pyproject.toml') return { kind: 'toml', prefix: ['tool', 'airlint'] };
  if (base.endsWith('.toml')) return { kind: 'toml', prefix: [] };
  if (base === 'package.json') return { kind: 'dotted', prefix: ['airlint'] };
  return DOTTED;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function quoteToml(seg: string): string {
  return BARE_KEY.test(seg) ? seg : JSON.stringify(seg);
}

function dotted(segs: readonly string[]): string {
  let out = '';
  for (const seg of segs) {
    if (BARE_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The config-relative key path as stored in `ConfigError.key`. */
export function keyId(segs: readonly string[]): string | null {
  return segs.length === 0 ? null : dotted(segs);
}

/**
 * Renders a key path as the user would find it in the file. `isTable` says whether the value at
 * the full path is itself a table (then TOML shows it as a `[header]`).
 */
export function renderKey(style: KeyStyle, segs: readonly string[], isTable = false): string {
  if (style.kind === 'dotted') return dotted([...style.prefix, ...segs]);
  const all = [...style.prefix, ...segs];
  if (isTable) return all.length === 0 ? '(top level)' : `[${all.map(quoteToml).join('.')}]`;
  const header = all.slice(0, -1);
  const last = all[all.length - 1];
  if (last === undefined) return '(top level)';
  return header.length === 0 ? quoteToml(last) : `[${header.map(quoteToml).join('.')}] ${quoteToml(last)}`;
}

/** The path shown in messages: relative to `cwd` when inside it, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** `; did you mean "x"?` or the empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const hit = closest(input, candidates);
  return hit === null ? '' : `; did you mean ${JSON.stringify(hit)}?`;
}

/** A short rendering of a value found in a config file, for "got ..." in messages. */
export function describeValue(value: unknown, style: KeyStyle = DOTTED): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date || (typeof value === 'object' && value.constructor?.name === 'TomlDate')) {
    return 'a date';
  }
  if (typeof value === 'object') return style.kind === 'toml' ? 'a table' : 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return value.toString();
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
