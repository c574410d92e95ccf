// Validation of a loaded configuration object against the schema (Ajv), with messages that name
// the file and the key as the user wrote it, and suggest the closest valid name for a typo.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { RuleMeta } from '../engine/types.js';
import {
  ConfigError,
  describeValue,
  didYouMean,
  keyId,
  renderKey,
  type KeyStyle,
} from './errors.js';
import { buildConfigSchema, type FAIL_ON_VALUES, type JsonSchema, type RULE_SEVERITIES } from './schema.js';

/** A configuration object that passed validation (keys exactly as in the file). */
export interface RawConfig {
  'airflow-version'?: string;
  select?: string[];
  'extend-select'?: string[];
  ignore?: string[];
  'fail-on'?: (typeof FAIL_ON_VALUES)[number];
  include?: string[];
  exclude?: string[];
  'respect-airflowignore'?: boolean;
  connections?: string[];
  'connections-file'?: string;
  'per-file-ignores'?: Record<string, string[]>;
  rules?: Record<string, { severity?: (typeof RULE_SEVERITIES)[number]; [option: string]: unknown }>;
}

/** Where a configuration object came from, for messages. */
export interface ConfigSource {
  file: string;
  /** The file as shown to the user (relative to the cwd when inside it). */
  display: string;
  style: KeyStyle;
}

const MAX_REPORTED = 20;

const validators = new WeakMap<readonly RuleMeta[], ValidateFunction>();

function validatorFor(catalog: readonly RuleMeta[]): ValidateFunction {
  let fn = validators.get(catalog);
  if (!fn) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false });
    fn = ajv.compile(buildConfigSchema(catalog));
    validators.set(catalog, fn);
  }
  return fn;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && v.constructor?.name !== 'TomlDate' && !(v instanceof Date);

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Splits an instance path into object keys (for the key path) and the value found there. */
function locate(data: unknown, segs: readonly string[]): { keys: string[]; value: unknown } {
  const keys: string[] = [];
  let cur: unknown = data;
  for (const seg of segs) {
    if (Array.isArray(cur)) {
      cur = cur[Number(seg)];
    } else if (isPlainObject(cur)) {
      keys.push(seg);
      cur = cur[seg];
    } else {
      keys.push(seg);
      cur = undefined;
    }
  }
  return { keys, value: cur };
}

function expectation(schema: JsonSchema, style: KeyStyle, isSelector: boolean): string {
  if (isSelector) return 'a rule id, a category name, "recommended" or "all"';
  const min = typeof schema.minimum === 'number' ? ` >= ${schema.minimum}` : '';
  switch (schema.type) {
    case 'integer':
      return `an integer${min}`;
    case 'number':
      return `a number${min}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
      return 'a string';
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      if (items.$ref === '#/definitions/selector') return 'an array of rule ids or category names';
      return 'an array of strings';
    }
    case 'object':
      return style.kind === 'toml' ? 'a table' : 'an object';
    default:
      return 'a valid value';
  }
}

interface Problem {
  keys: string[];
  isTable: boolean;
  message: string;
}

function explain(err: ErrorObject, data: unknown, catalog: readonly RuleMeta[], style: KeyStyle): Problem {
  const { keys, value } = locate(data, decodePointer(err.instancePath));
  const parent = (err.parentSchema ?? {}) as JsonSchema;
  const isSelector = err.schemaPath.startsWith('#/definitions/selector/');
  const got = describeValue(value, style);

  if (err.keyword === 'additionalProperties') {
    const name = String((err.params as { additionalProperty: string }).additionalProperty);
    const at = [...keys, name];
    const isTable = isPlainObject(isPlainObject(value) ? value[name] : undefined);
    const known = Object.keys((parent.properties ?? {}) as Record<string, unknown>);
    if (keys.length === 0) {
      return { keys: at, isTable, message: `unknown key${didYouMean(name, known)}` };
    }
    if (keys.length === 1 && keys[0] === 'rules') {
      return { keys: at, isTable, message: `unknown rule id${didYouMean(name, catalog.map((r) => r.id))}` };
    }
    if (keys.length === 2 && keys[0] === 'rules') {
      const hint = didYouMean(name, known);
      return {
        keys: at,
        isTable,
        message: `unknown option of rule ${keys[1]}${hint || ` (valid keys: ${known.join(', ')})`}`,
      };
    }
    return { keys: at, isTable, message: `unknown key${didYouMean(name, known)}` };
  }

  if (err.keyword === 'enum') {
    const allowed = ((err.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
    const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
    if (isSelector) return { keys, isTable: false, message: `unknown rule or category ${got}${hint}` };
    return { keys, isTable: false, message: `expected ${expectation(parent, style, false)}, got ${got}${hint}` };
  }

  if (keys.length === 1 && keys[0] === 'airflow-version' && (err.keyword === 'pattern' || err.keyword === 'type')) {
    const quote =
      typeof value === 'number' ? ` (quote it: a bare ${got} is a number and loses trailing zeros)` : '';
    return {
      keys,
      isTable: false,
      message: `expected a version string "X.Y" or "X.Y.Z" with major version 1 to 3, got ${got}${quote}`,
    };
  }

  if (err.keyword === 'type' || err.keyword === 'minimum') {
    let message = `expected ${expectation(parent, style, isSelector)}, got ${got}`;
    if (parent.type === 'array' && typeof value === 'string') message += `; write [${JSON.stringify(value)}]`;
    return { keys, isTable: false, message };
  }

  return { keys, isTable: false, message: err.message ?? 'invalid value' };
}

/**
 * Checks a loaded configuration object. Returns it typed, or throws a ConfigError listing every
 * problem (one per line, `file: key: what`); the error's `key` is the first problem's key.
 */
export function validateConfig(data: unknown, catalog: readonly RuleMeta[], source: ConfigSource): RawConfig {
  if (!isPlainObject(data)) {
    const what = source.style.kind === 'toml' ? 'a table' : 'an object';
    throw new ConfigError(
      `${source.display}: expected ${what} of airlint settings, got ${describeValue(data, source.style)}`,
      source.file,
      null,
    );
  }
  const validate = validatorFor(catalog);
  if (validate(data)) return data as RawConfig;

  // One problem per location: a wrong type also fails `enum`, which would only repeat it.
  const problems: Problem[] = [];
  const located = new Set<string>();
  for (const err of validate.errors ?? []) {
    const extra = (err.params as { additionalProperty?: unknown }).additionalProperty;
    const at = `${err.instancePath}\0${extra === undefined ? '' : String(extra)}`;
    if (located.has(at)) continue;
    located.add(at);
    problems.push(explain(err, data, catalog, source.style));
  }
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const p of problems) {
    const where = p.keys.length === 0 ? '' : `${renderKey(source.style, p.keys, p.isTable)}: `;
    const line = `${source.display}: ${where}${p.message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (lines.length > MAX_REPORTED) {
    const more = lines.length - MAX_REPORTED;
    lines.length = MAX_REPORTED;
    lines.push(`${source.display}: ... and ${more} more problem${more === 1 ? '' : 's'}`);
  }
  const first = problems[0];
  throw new ConfigError(lines.join('\n'), source.file, first ? keyId(first.keys) : null);
}
