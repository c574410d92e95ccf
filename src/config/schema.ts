// The JSON Schema of an airlint configuration, built from the rule catalog. It is both what config
// validation runs (through Ajv) and what is published as schema/airlint.schema.json for editors.

import { CATEGORIES, type RuleMeta, type RuleOptionSpec } from '../engine/types.js';

export type JsonSchema = Record<string, unknown>;

/** Words accepted wherever a list of rules is expected, besides rule ids and category names. */
export const GROUP_SELECTORS = ['all', 'recommended'] as const;

/** Values of `severity` in a rule table. */
export const RULE_SEVERITIES = ['error', 'warning', 'info', 'off'] as const;

/** Values of `fail-on`. */
export const FAIL_ON_VALUES = ['error', 'warning', 'info', 'never'] as const;

/** "X.Y" or "X.Y.Z" with a major version from 1 to 3. */
export const AIRFLOW_VERSION_PATTERN = '^[1-3]\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?$';

/** Every selector: `all`, `recommended`, the categories, then the rule ids in sorted order. */
export function selectorNames(catalog: readonly RuleMeta[]): string[] {
  return [...GROUP_SELECTORS, ...CATEGORIES, ...catalog.map((r) => r.id).sort()];
}

function optionSchema(spec: RuleOptionSpec): JsonSchema {
  const base: JsonSchema = { description: spec.description };
  switch (spec.type) {
    case 'integer':
    case 'number':
      base.type = spec.type;
      if (spec.minimum !== undefined) base.minimum = spec.minimum;
      break;
    case 'string':
      base.type = 'string';
      if (spec.enum) base.enum = [...spec.enum];
      break;
    case 'boolean':
      base.type = 'boolean';
      break;
    case 'string-array':
      base.type = 'array';
      base.items = spec.enum ? { type: 'string', enum: [...spec.enum] } : { type: 'string' };
      break;
  }
  if (spec.default !== undefined) base.default = spec.default;
  return base;
}

function ruleSchema(meta: RuleMeta): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    severity: {
      description: `Severity of ${meta.id} findings, or "off" to disable the rule (default "${meta.severity}").`,
      type: 'string',
      enum: [...RULE_SEVERITIES],
      default: meta.severity,
    },
  };
  for (const name of Object.keys(meta.options).sort()) {
    const spec = meta.options[name];
    if (spec) properties[name] = optionSchema(spec);
  }
  return {
    description: `${meta.summary} (category ${meta.category}${meta.recommended ? ', recommended' : ''})`,
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

const stringList = (description: string): JsonSchema => ({
  description,
  type: 'array',
  items: { type: 'string' },
});

const selectorList = (description: string): JsonSchema => ({
  description,
  type: 'array',
  items: { $ref: '#/definitions/selector' },
});

/**
 * The JSON Schema (draft-07) of the airlint configuration: the `[tool.airlint]` table of
 * pyproject.toml, the whole of airlint.toml / .airlintrc*, or the `"airlint"` key of package.json.
 * Deterministic for a given catalog (rule ids and option names are sorted).
 */
export function buildConfigSchema(catalog: readonly RuleMeta[]): JsonSchema {
  const sorted = [...catalog].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rules: Record<string, JsonSchema> = {};
  for (const meta of sorted) rules[meta.id] = ruleSchema(meta);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'airlint configuration',
    description:
      'Configuration of airlint, the Apache Airflow DAG linter: [tool.airlint] in pyproject.toml, ' +
      'airlint.toml, .airlintrc(.json|.yaml|.yml), airlint.config.(js|mjs|cjs|ts), or "airlint" in package.json.',
    type: 'object',
    additionalProperties: false,
    properties: {
      'airflow-version': {
        description: 'The Airflow version the DAGs run on, "X.Y" or "X.Y.Z" (e.g. "2.10").',
        type: 'string',
        pattern: AIRFLOW_VERSION_PATTERN,
      },
      select: selectorList(
        'Rules to enable, replacing the default set ["recommended"]: rule ids, category names, "recommended" or "all".',
      ),
      'extend-select': selectorList('Rules to enable in addition to `select`.'),
      ignore: selectorList('Rules to disable. A rule id is more specific than a category, which is more specific than "all".'),
      'fail-on': {
        description: 'The lowest severity that makes airlint exit with code 1.',
        type: 'string',
        enum: [...FAIL_ON_VALUES],
        default: 'warning',
      },
      include: {
        ...stringList('Globs (relative to the config file\'s folder) a file must match to be linted; empty means every file.'),
        default: [],
      },
      exclude: {
        ...stringList('Globs (relative to the config file\'s folder) of files and folders never linted.'),
        default: [],
      },
      'respect-airflowignore': {
        description: 'Honour .airflowignore files (regexp or glob syntax, as Airflow does).',
        type: 'boolean',
        default: true,
      },
      connections: stringList('Connection ids that exist in the deployment (inventory for unknown-conn-id).'),
      'connections-file': {
        description:
          'Output of `airflow connections export` (yaml, json or env), relative to the config file; its connection ids join `connections`.',
        type: 'string',
      },
      'per-file-ignores': {
        description: 'Glob (relative to the config file\'s folder) → rules or categories to ignore in matching files.',
        type: 'object',
        additionalProperties: selectorList('Rules or categories ignored in files matching this glob.'),
      },
      rules: {
        description: 'Per-rule severity and options.',
        type: 'object',
        properties: rules,
        additionalProperties: false,
      },
    },
    definitions: {
      selector: {
        description: 'A rule id, a category name, "recommended" or "all".',
        type: 'string',
        enum: selectorNames(catalog),
      },
    },
  };
}

/** The schema as published in schema/airlint.schema.json (two-space indent, trailing newline). */
export function renderConfigSchema(catalog: readonly RuleMeta[]): string {
  return `${JSON.stringify(buildConfigSchema(catalog), null, 2)}\n`;
}
