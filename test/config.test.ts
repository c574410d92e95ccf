import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildConfigSchema,
  ConfigError,
  createConfigLoader,
  ignoredRulesForFile,
  isDirExcluded,
  isPathSelected,
  isRuleIgnoredForFile,
  parseConnections,
  renderConfigSchema,
  type CliOverrides,
  type ResolvedConfig,
} from '../src/config/index.js';
import type { RuleMeta } from '../src/engine/types.js';

// ---------------------------------------------------------------------------------------------
// A small fake catalog.

const rule = (id: string, category: RuleMeta['category'], extra: Partial<RuleMeta> = {}): RuleMeta => ({
  id,
  category,
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: `${id} summary`,
  options: {},
  ...extra,
});

const CATALOG: readonly RuleMeta[] = [
  rule('dag-cycle', 'structure', { severity: 'error' }),
  rule('missing-retries', 'retries', {
    options: { minimum: { type: 'integer', default: 1, minimum: 0, description: 'fewest retries accepted' } },
  }),
  rule('missing-execution-timeout', 'retries', { recommended: false, severity: 'info' }),
  rule('hardcoded-secret', 'security', {
    severity: 'error',
    options: {
      'allowed-names': { type: 'string-array', default: ['example'], description: 'names never reported' },
      mode: { type: 'string', default: 'strict', enum: ['strict', 'lenient'], description: 'how hard to look' },
      'check-env': { type: 'boolean', default: true, description: 'look at env= too' },
      entropy: { type: 'number', default: 3.5, minimum: 0, description: 'entropy threshold' },
    },
  }),
  rule('credentials-in-uri', 'security', { severity: 'error' }),
  rule('insecure-ssl', 'security', { recommended: false }),
  rule('unknown-conn-id', 'project', { recommended: false }),
  rule('missing-failure-alert', 'alerting'),
  rule('implicit-catchup', 'schedule'),
  rule('unused-suppression', 'meta'),
  rule('invalid-suppression', 'meta', { severity: 'error' }),
];

const RECOMMENDED = CATALOG.filter((r) => r.recommended).map((r) => r.id);

// ---------------------------------------------------------------------------------------------
// Temporary folder trees.

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Creates a temporary tree; the root is a git repository (a `.git` folder) unless `git` is false. */
function tree(files: Record<string, string>, git = true): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'airlint-config-')));
  roots.push(root);
  if (git) mkdirSync(path.join(root, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

function loader(root: string, extra: { configFile?: string; noConfig?: boolean; overrides?: CliOverrides } = {}) {
  return createConfigLoader({ catalog: CATALOG, cwd: root, ...extra });
}

async function configFor(root: string, file = 'dags/etl.py', extra = {}): Promise<ResolvedConfig> {
  return loader(root, extra).forFile(path.join(root, file));
}

async function configError(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** The ConfigError of a pyproject.toml whose [tool.airlint] table has this body. */
async function pyprojectError(body: string): Promise<ConfigError> {
  const root = tree({ 'pyproject.toml': `[tool.airlint]\n${body}\n` });
  const err = await configError(configFor(root));
  expect(err.file).toBe(path.join(root, 'pyproject.toml'));
  return err;
}

const enabled = (cfg: ResolvedConfig): string[] => [...cfg.rules.keys()].sort();
const sorted = (ids: readonly string[]): string[] => [...ids].sort();

// ---------------------------------------------------------------------------------------------

describe('discovery: every file format', () => {
  const data = { select: ['dag-cycle', 'missing-retries'], 'fail-on': 'error' };
  const json = JSON.stringify(data);
  const yaml = 'select:\n  - dag-cycle\n  - missing-retries\nfail-on: error\n';
  const toml = 'select = ["dag-cycle", "missing-retries"]\nfail-on = "error"\n';
  const cases: [string, string][] = [
    ['pyproject.toml', `[project]\nname = "dags"\n\n[tool.airlint]\n${toml}`],
    ['airlint.toml', toml],
    ['.airlintrc', yaml],
    ['.airlintrc.json', json],
    ['.airlintrc.yaml', yaml],
    ['.airlintrc.yml', yaml],
    ['airlint.config.js', `module.exports = ${json};\n`],
    ['airlint.config.mjs', `export default ${json};\n`],
    ['airlint.config.cjs', `module.exports = ${json};\n`],
    ['airlint.config.ts', `const config: Record<string, unknown> = ${json};\nexport default config;\n`],
    ['package.json', JSON.stringify({ name: 'dags', private: true, airlint: data })],
  ];
  for (const [name, text] of cases) {
    it(`reads ${name}`, async () => {
      const root = tree({ [name]: text, 'dags/etl.py': '' });
      const cfg = await configFor(root);
      expect(cfg.configFile).toBe(path.join(root, name));
      expect(cfg.rootDir).toBe(root);
      expect(enabled(cfg)).toEqual(['dag-cycle', 'missing-retries']);
      expect(cfg.failOn).toBe('error');
    });
  }
});

describe('discovery: which file wins', () => {
  it('uses the nearest config file and does not merge parents', async () => {
    const root = tree({
      'airlint.toml': 'select = ["dag-cycle"]\nfail-on = "info"\n',
      'dags/team_a/.airlintrc.json': JSON.stringify({ select: ['missing-retries'] }),
    });
    const ld = loader(root);
    const near = await ld.forFile(path.join(root, 'dags/team_a/sub/etl.py'));
    expect(near.configFile).toBe(path.join(root, 'dags/team_a/.airlintrc.json'));
    expect(near.rootDir).toBe(path.join(root, 'dags/team_a'));
    expect(enabled(near)).toEqual(['missing-retries']);
    expect(near.failOn).toBe('warning'); // not inherited from the parent file
    const far = await ld.forFile(path.join(root, 'dags/team_b/etl.py'));
    expect(far.configFile).toBe(path.join(root, 'airlint.toml'));
    expect(enabled(far)).toEqual(['dag-cycle']);
    expect(far.failOn).toBe('info');
  });

  it('skips a pyproject.toml without [tool.airlint]', async () => {
    const root = tree({
      'pyproject.toml': '[tool.airlint]\nselect = ["dag-cycle"]\n',
      'dags/pyproject.toml': '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n',
    });
    const cfg = await configFor(root, 'dags/etl.py');
    expect(cfg.configFile).toBe(path.join(root, 'pyproject.toml'));
  });

  it('counts an empty [tool.airlint] table and an empty airlint.toml as configs with defaults', async () => {
    const root = tree({
      'airlint.toml': 'select = ["dag-cycle"]\n',
      'a/pyproject.toml': '[tool.airlint]\n',
      'b/airlint.toml': '',
    });
    const a = await configFor(root, 'a/x.py');
    expect(a.configFile).toBe(path.join(root, 'a/pyproject.toml'));
    expect(enabled(a)).toEqual(sorted(RECOMMENDED));
    const b = await configFor(root, 'b/x.py');
    expect(b.configFile).toBe(path.join(root, 'b/airlint.toml'));
    expect(enabled(b)).toEqual(sorted(RECOMMENDED));
  });

  it('prefers a dedicated file over pyproject.toml and package.json in the same folder', async () => {
    const root = tree({
      'pyproject.toml': '[tool.airlint]\nselect = ["dag-cycle"]\n',
      'package.json': JSON.stringify({ airlint: { select: ['implicit-catchup'] } }),
      'airlint.toml': 'select = ["missing-retries"]\n',
    });
    expect((await configFor(root)).configFile).toBe(path.join(root, 'airlint.toml'));
  });

  it('skips a package.json without an "airlint" key', async () => {
    const root = tree({
      'pyproject.toml': '[tool.airlint]\nselect = ["dag-cycle"]\n',
      'dags/package.json': JSON.stringify({ name: 'x' }),
    });
    expect((await configFor(root)).configFile).toBe(path.join(root, 'pyproject.toml'));
  });

  it('stops at the git root', async () => {
    const outer = tree({ 'airlint.toml': 'select = ["dag-cycle"]\n', 'repo/dags/etl.py': '' }, false);
    mkdirSync(path.join(outer, 'repo/.git'));
    const cfg = await configFor(path.join(outer, 'repo'), 'dags/etl.py');
    expect(cfg.configFile).toBeNull();
    // A .git file (worktrees, submodules) marks a root too.
    const outer2 = tree({ 'airlint.toml': 'select = ["dag-cycle"]\n', 'wt/.git': 'gitdir: /elsewhere\n' }, false);
    expect((await configFor(path.join(outer2, 'wt'), 'x.py')).configFile).toBeNull();
  });

  it('uses defaults when nothing is found', async () => {
    const root = tree({ 'dags/etl.py': '' });
    const cfg = await configFor(root);
    expect(cfg).toMatchObject({
      configFile: null,
      rootDir: root,
      airflowVersion: null,
      failOn: 'warning',
      include: [],
      exclude: [],
      respectAirflowignore: true,
      perFileIgnores: [],
      connections: null,
    });
    expect(enabled(cfg)).toEqual(sorted(RECOMMENDED));
    expect(cfg.rules.get('dag-cycle')).toEqual({ severity: 'error', severityConfigured: false, options: {} });
  });

  it('resolves each config file once and shares the result', async () => {
    const root = tree({ 'airlint.toml': 'select = ["dag-cycle"]\n' });
    const ld = loader(root);
    const files = Array.from({ length: 200 }, (_, i) => path.join(root, `dags/d${i % 7}/f${i}.py`));
    const configs = await Promise.all(files.map((f) => ld.forFile(f)));
    expect(new Set(configs).size).toBe(1);
  });

  it('looks at each folder once', async () => {
    const root = tree({ 'airlint.toml': 'select = ["dag-cycle"]\n', 'dags/a/x.py': '' });
    const ld = loader(root);
    const first = await ld.forFile(path.join(root, 'dags/a/x.py'));
    // Once a folder and its parents were looked at, the files are not read again.
    rmSync(path.join(root, 'airlint.toml'));
    expect(await ld.forFile(path.join(root, 'dags/a/y.py'))).toBe(first);
    expect(await ld.forFile(path.join(root, 'dags/b/z.py'))).toBe(first);
    // A new loader (a new run) sees the change.
    expect((await loader(root).forFile(path.join(root, 'dags/a/x.py'))).configFile).toBeNull();
  });

  it('reports a file that cannot be parsed, with its name', async () => {
    for (const [name, text] of [
      ['airlint.toml', 'select = [\n'],
      ['.airlintrc.json', '{ "select": [ }'],
      ['.airlintrc.yaml', 'select: [dag-cycle\n'],
      ['pyproject.toml', '[tool.airlint\n'],
    ] as const) {
      const root = tree({ [name]: text });
      const err = await configError(configFor(root));
      expect(err.file).toBe(path.join(root, name));
      expect(err.message.startsWith(`${name}: `)).toBe(true);
    }
  });

  it('reports a JavaScript config that throws', async () => {
    const root = tree({ 'airlint.config.cjs': 'throw new Error("boom");\n' });
    const err = await configError(configFor(root));
    expect(err.message).toMatch(/^airlint\.config\.cjs: cannot load: .*boom/);
  });

  it('rejects cosmiconfig $import (no merging across files)', async () => {
    const root = tree({
      'base.json': JSON.stringify({ select: ['dag-cycle'] }),
      '.airlintrc.json': JSON.stringify({ $import: './base.json', 'fail-on': 'error' }),
    });
    const err = await configError(configFor(root));
    expect(err.key).toBe('$import');
    expect(err.message).toContain('.airlintrc.json: $import');
  });
});

describe('--config and --no-config', () => {
  it('uses an explicit file for every linted file, relative to the cwd', async () => {
    const root = tree({
      'ci/strict.toml': 'select = ["all"]\nfail-on = "info"\n',
      'airlint.toml': 'select = ["dag-cycle"]\n',
      'dags/airlint.toml': 'select = ["missing-retries"]\n',
    });
    const ld = loader(root, { configFile: 'ci/strict.toml' });
    for (const f of ['dags/etl.py', 'x.py', '../elsewhere.py']) {
      const cfg = await ld.forFile(path.join(root, f));
      expect(cfg.configFile).toBe(path.join(root, 'ci/strict.toml'));
      expect(cfg.rootDir).toBe(path.join(root, 'ci'));
      expect(cfg.rules.size).toBe(CATALOG.length);
      expect(cfg.failOn).toBe('info');
    }
  });

  it('reads [tool.airlint] from an explicit pyproject.toml and package.json', async () => {
    const root = tree({
      'conf/pyproject.toml': '[tool.airlint]\nselect = ["dag-cycle"]\n',
      'conf/package.json': JSON.stringify({ airlint: { select: ['implicit-catchup'] } }),
    });
    expect(enabled(await configFor(root, 'a.py', { configFile: 'conf/pyproject.toml' }))).toEqual(['dag-cycle']);
    expect(enabled(await configFor(root, 'a.py', { configFile: 'conf/package.json' }))).toEqual(['implicit-catchup']);
  });

  it('fails on a missing or unusable explicit file', async () => {
    const root = tree({
      'pyproject.toml': '[project]\nname = "x"\n',
      'package.json': '{"name": "x"}',
      'airlint.cfg': 'select = []\n',
    });
    const missing = await configError(configFor(root, 'a.py', { configFile: 'nope.toml' }));
    expect(missing.message).toBe('nope.toml: config file not found');
    expect(missing.file).toBe(path.join(root, 'nope.toml'));
    const noTable = await configError(configFor(root, 'a.py', { configFile: 'pyproject.toml' }));
    expect(noTable.message).toBe('pyproject.toml: no [tool.airlint] table in this file');
    const noKey = await configError(configFor(root, 'a.py', { configFile: 'package.json' }));
    expect(noKey.message).toBe('package.json: no "airlint" key in this file');
    const ext = await configError(configFor(root, 'a.py', { configFile: 'airlint.cfg' }));
    expect(ext.message).toMatch(/^airlint\.cfg: unsupported config file type "\.cfg"/);
  });

  it('--no-config uses defaults (and CLI overrides) even next to a config file', async () => {
    const root = tree({ 'airlint.toml': 'select = ["dag-cycle"]\nfail-on = "never"\nnot-a-key = 1\n' });
    const cfg = await configFor(root, 'dags/etl.py', { noConfig: true });
    expect(cfg.configFile).toBeNull();
    expect(cfg.rootDir).toBe(root);
    expect(enabled(cfg)).toEqual(sorted(RECOMMENDED));
    expect(cfg.failOn).toBe('warning');
    const withFlags = await configFor(root, 'dags/etl.py', {
      noConfig: true,
      overrides: { extendSelect: ['unknown-conn-id'], failOn: 'error' },
    });
    expect(withFlags.rules.has('unknown-conn-id')).toBe(true);
    expect(withFlags.failOn).toBe('error');
  });
});

describe('validation errors name the file and the key', () => {
  it('reports an invalid option value as in the spec', async () => {
    const err = await pyprojectError('[tool.airlint.rules.missing-retries]\nminimum = "two"');
    expect(err.message).toBe(
      'pyproject.toml: [tool.airlint.rules.missing-retries] minimum: expected an integer >= 0, got "two"',
    );
    expect(err.key).toBe('rules.missing-retries.minimum');
  });

  it('reports an option below its minimum', async () => {
    const err = await pyprojectError('[tool.airlint.rules.missing-retries]\nminimum = -1');
    expect(err.message).toBe('pyproject.toml: [tool.airlint.rules.missing-retries] minimum: expected an integer >= 0, got -1');
  });

  it('reports a non-integer for an integer option', async () => {
    const err = await pyprojectError('[tool.airlint.rules.missing-retries]\nminimum = 1.5');
    expect(err.message).toContain('minimum: expected an integer >= 0, got 1.5');
  });

  it('reports unknown keys with a suggestion', async () => {
    const err = await pyprojectError('extend_select = ["dag-cycle"]');
    expect(err.message).toBe('pyproject.toml: [tool.airlint] extend_select: unknown key; did you mean "extend-select"?');
    expect(err.key).toBe('extend_select');
    const far = await pyprojectError('colour = true');
    expect(far.message).toBe('pyproject.toml: [tool.airlint] colour: unknown key');
  });

  it('reports unknown rule ids in select, extend-select and ignore', async () => {
    for (const key of ['select', 'extend-select', 'ignore']) {
      const err = await pyprojectError(`${key} = ["dag-cycle", "missing-retires"]`);
      expect(err.message).toBe(
        `pyproject.toml: [tool.airlint] ${key}: unknown rule or category "missing-retires"; did you mean "missing-retries"?`,
      );
      expect(err.key).toBe(key);
    }
    const cat = await pyprojectError('select = ["securty"]');
    expect(cat.message).toContain('unknown rule or category "securty"; did you mean "security"?');
  });

  it('reports unknown rule ids in per-file-ignores', async () => {
    const err = await pyprojectError('[tool.airlint.per-file-ignores]\n"dags/experimental/**" = ["missing-failure-alrt"]');
    expect(err.message).toBe(
      'pyproject.toml: [tool.airlint.per-file-ignores] "dags/experimental/**": unknown rule or category "missing-failure-alrt"; did you mean "missing-failure-alert"?',
    );
    expect(err.key).toBe('per-file-ignores["dags/experimental/**"]');
  });

  it('reports unknown rule ids and unknown options in the rules table', async () => {
    const id = await pyprojectError('[tool.airlint.rules.dag-cycel]\nseverity = "error"');
    expect(id.message).toBe('pyproject.toml: [tool.airlint.rules.dag-cycel]: unknown rule id; did you mean "dag-cycle"?');
    expect(id.key).toBe('rules.dag-cycel');
    const opt = await pyprojectError('[tool.airlint.rules.missing-retries]\nminimun = 2');
    expect(opt.message).toBe(
      'pyproject.toml: [tool.airlint.rules.missing-retries] minimun: unknown option of rule missing-retries; did you mean "minimum"?',
    );
    const none = await pyprojectError('[tool.airlint.rules.dag-cycle]\nthreshold = 2');
    expect(none.message).toContain('threshold: unknown option of rule dag-cycle (valid keys: severity)');
  });

  it('reports wrong types', async () => {
    const cases: [string, string][] = [
      ['select = "all"', '[tool.airlint] select: expected an array of rule ids or category names, got "all"; write ["all"]'],
      ['select = [1]', '[tool.airlint] select: expected a rule id, a category name, "recommended" or "all", got 1'],
      ['respect-airflowignore = "yes"', '[tool.airlint] respect-airflowignore: expected true or false, got "yes"'],
      ['include = "dags/**"', '[tool.airlint] include: expected an array of strings, got "dags/**"'],
      ['exclude = [true]', '[tool.airlint] exclude: expected a string, got true'],
      ['connections = "aws_default"', '[tool.airlint] connections: expected an array of strings, got "aws_default"'],
      ['connections-file = 3', '[tool.airlint] connections-file: expected a string, got 3'],
      ['per-file-ignores = ["x"]', '[tool.airlint] per-file-ignores: expected a table, got an array'],
      ['rules = 1', '[tool.airlint] rules: expected a table, got 1'],
      ['[tool.airlint.per-file-ignores]\n"x.py" = "dag-cycle"', '[tool.airlint.per-file-ignores] "x.py": expected an array of rule ids or category names'],
      ['[tool.airlint.rules.hardcoded-secret]\ncheck-env = 1', '[tool.airlint.rules.hardcoded-secret] check-env: expected true or false, got 1'],
      ['[tool.airlint.rules.hardcoded-secret]\nallowed-names = [1]', '[tool.airlint.rules.hardcoded-secret] allowed-names: expected a string, got 1'],
      ['[tool.airlint.rules.hardcoded-secret]\nentropy = "high"', '[tool.airlint.rules.hardcoded-secret] entropy: expected a number >= 0, got "high"'],
      ['[tool.airlint.rules.hardcoded-secret]\nmode = "loose"', '[tool.airlint.rules.hardcoded-secret] mode: expected one of "strict", "lenient", got "loose"'],
      ['[tool.airlint.rules.missing-retries]\nseverity = "warn"', '[tool.airlint.rules.missing-retries] severity: expected one of "error", "warning", "info", "off", got "warn"; did you mean "warning"?'],
      ['[tool.airlint.rules]\nmissing-retries = "error"', '[tool.airlint.rules] missing-retries: expected a table, got "error"'],
    ];
    for (const [body, expected] of cases) {
      const err = await pyprojectError(body);
      expect(err.message).toContain(`pyproject.toml: ${expected}`);
    }
  });

  it('reports bad fail-on and airflow-version values', async () => {
    const failOn = await pyprojectError('fail-on = "warnings"');
    expect(failOn.message).toBe(
      'pyproject.toml: [tool.airlint] fail-on: expected one of "error", "warning", "info", "never", got "warnings"; did you mean "warning"?',
    );
    for (const v of ['"4.0"', '"2"', '"2.x"', '"0.9"', '"2.10.1.3"']) {
      const err = await pyprojectError(`airflow-version = ${v}`);
      expect(err.message).toBe(
        `pyproject.toml: [tool.airlint] airflow-version: expected a version string "X.Y" or "X.Y.Z" with major version 1 to 3, got ${v}`,
      );
      expect(err.key).toBe('airflow-version');
    }
    const num = await pyprojectError('airflow-version = 2.10');
    expect(num.message).toContain('got 2.1 (quote it');
  });

  it('lists every problem, one per line', async () => {
    const err = await pyprojectError('selct = []\nfail-on = "sometimes"\n[tool.airlint.rules.missing-retries]\nminimum = "two"');
    const lines = err.message.split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.startsWith('pyproject.toml: [tool.airlint')).toBe(true);
    expect(err.key).not.toBeNull();
  });

  it('uses dotted key paths outside TOML', async () => {
    const root = tree({ '.airlintrc.json': JSON.stringify({ rules: { 'missing-retries': { minimum: 'two' } } }) });
    const err = await configError(configFor(root));
    expect(err.message).toBe('.airlintrc.json: rules.missing-retries.minimum: expected an integer >= 0, got "two"');
    const pkgRoot = tree({ 'package.json': JSON.stringify({ airlint: { ignore: ['dag-cycl'] } }) });
    const pkg = await configError(configFor(pkgRoot));
    expect(pkg.message).toBe('package.json: airlint.ignore: unknown rule or category "dag-cycl"; did you mean "dag-cycle"?');
    const tomlRoot = tree({ 'airlint.toml': '[rules.missing-retries]\nminimum = "two"\n' });
    const t = await configError(configFor(tomlRoot));
    expect(t.message).toBe('airlint.toml: [rules.missing-retries] minimum: expected an integer >= 0, got "two"');
  });

  it('hints at quoting a YAML version number', async () => {
    const root = tree({ '.airlintrc.yaml': 'airflow-version: 2.10\n' });
    const err = await configError(configFor(root));
    expect(err.message).toContain('.airlintrc.yaml: airflow-version: expected a version string');
    expect(err.message).toContain('got 2.1 (quote it');
  });

  it('rejects a config that is not a table', async () => {
    const root = tree({ '.airlintrc.yaml': '- dag-cycle\n' });
    const err = await configError(configFor(root));
    expect(err.message).toBe('.airlintrc.yaml: expected an object of airlint settings, got an array');
  });

  it('shows absolute paths for files outside the cwd', async () => {
    const root = tree({ 'conf/airlint.toml': 'select = ["nope"]\n', 'work/x.py': '' });
    const err = await configError(
      createConfigLoader({ catalog: CATALOG, cwd: path.join(root, 'work'), configFile: '../conf/airlint.toml' }).forFile(
        path.join(root, 'work/x.py'),
      ),
    );
    expect(err.message.startsWith(`${path.join(root, 'conf/airlint.toml')}: select: unknown rule`)).toBe(true);
  });
});

describe('rule selection', () => {
  async function selection(body: string, overrides?: CliOverrides): Promise<string[]> {
    const root = tree({ 'airlint.toml': body });
    return enabled(await configFor(root, 'x.py', overrides ? { overrides } : {}));
  }

  it('starts from the recommended rules', async () => {
    expect(await selection('')).toEqual(sorted(RECOMMENDED));
    expect(await selection('select = ["recommended"]')).toEqual(sorted(RECOMMENDED));
  });

  it('select replaces the default set; an empty select selects nothing', async () => {
    expect(await selection('select = ["dag-cycle"]')).toEqual(['dag-cycle']);
    expect(await selection('select = []')).toEqual([]);
    expect(await selection('select = []\nextend-select = ["insecure-ssl"]')).toEqual(['insecure-ssl']);
  });

  it('selects categories and all', async () => {
    expect(await selection('select = ["security"]')).toEqual(['credentials-in-uri', 'hardcoded-secret', 'insecure-ssl']);
    expect(await selection('select = ["retries", "structure"]')).toEqual([
      'dag-cycle',
      'missing-execution-timeout',
      'missing-retries',
    ]);
    expect(await selection('select = ["all"]')).toEqual(sorted(CATALOG.map((r) => r.id)));
  });

  it('extend-select adds to the default set', async () => {
    expect(await selection('extend-select = ["missing-execution-timeout"]')).toEqual(
      sorted([...RECOMMENDED, 'missing-execution-timeout']),
    );
    expect(await selection('extend-select = ["security"]')).toEqual(sorted([...RECOMMENDED, 'insecure-ssl']));
  });

  it('ignore removes rules and categories', async () => {
    expect(await selection('ignore = ["implicit-catchup"]')).toEqual(
      sorted(RECOMMENDED.filter((id) => id !== 'implicit-catchup')),
    );
    expect(await selection('ignore = ["meta"]')).toEqual(
      sorted(RECOMMENDED.filter((id) => id !== 'unused-suppression' && id !== 'invalid-suppression')),
    );
    expect(await selection('ignore = ["all"]')).toEqual([]);
  });

  it('applies ruff precedence: ignore wins at equal specificity, a rule id beats a category', async () => {
    // The example from the brief: the rule id in extend-select is more specific than the
    // category in ignore, so it is enabled.
    expect(
      await selection('select = ["security"]\nignore = ["security"]\nextend-select = ["hardcoded-secret"]'),
    ).toEqual(['hardcoded-secret']);
    expect(await selection('select = ["security"]\nignore = ["security"]')).toEqual([]);
    expect(await selection('select = ["hardcoded-secret"]\nignore = ["security"]')).toEqual(['hardcoded-secret']);
    expect(await selection('select = ["security"]\nignore = ["hardcoded-secret"]')).toEqual([
      'credentials-in-uri',
      'insecure-ssl',
    ]);
    expect(await selection('select = ["dag-cycle"]\nignore = ["dag-cycle"]')).toEqual([]);
    // "recommended" and categories are equally specific: ignore wins either way.
    expect(await selection('select = ["recommended"]\nignore = ["security"]')).toEqual(
      sorted(RECOMMENDED.filter((id) => id !== 'hardcoded-secret' && id !== 'credentials-in-uri')),
    );
    expect(await selection('select = ["security"]\nignore = ["recommended"]')).toEqual(['insecure-ssl']);
    // A category beats "all".
    expect(await selection('ignore = ["all"]\nextend-select = ["schedule"]')).toEqual(['implicit-catchup']);
    expect(await selection('select = ["all"]\nignore = ["security", "meta"]')).toEqual([
      'dag-cycle',
      'implicit-catchup',
      'missing-execution-timeout',
      'missing-failure-alert',
      'missing-retries',
      'unknown-conn-id',
    ]);
  });

  it('keeps catalog order in the rules map', async () => {
    const root = tree({ 'airlint.toml': 'select = ["all"]' });
    expect([...(await configFor(root)).rules.keys()]).toEqual(CATALOG.map((r) => r.id));
  });
});

describe('severity and options', () => {
  it('overrides severities and turns rules off', async () => {
    const root = tree({
      'airlint.toml': [
        'extend-select = ["insecure-ssl"]',
        '[rules.missing-retries]',
        'severity = "error"',
        '[rules.insecure-ssl]',
        'severity = "off"',
        '[rules.dag-cycle]',
        'severity = "off"',
        '[rules.unknown-conn-id]',
        'severity = "info"',
      ].join('\n'),
    });
    const cfg = await configFor(root);
    expect(cfg.rules.get('missing-retries')?.severity).toBe('error');
    expect(cfg.rules.get('missing-retries')?.severityConfigured).toBe(true);
    expect(cfg.rules.get('implicit-catchup')?.severity).toBe('warning');
    expect(cfg.rules.get('implicit-catchup')?.severityConfigured).toBe(false);
    expect(cfg.rules.has('insecure-ssl')).toBe(false);
    expect(cfg.rules.has('dag-cycle')).toBe(false);
    // A severity does not select a rule.
    expect(cfg.rules.has('unknown-conn-id')).toBe(false);
  });

  it('fills option defaults and overlays configured values', async () => {
    const root = tree({
      'airlint.toml': [
        '[rules.missing-retries]',
        'minimum = 3',
        '[rules.hardcoded-secret]',
        'mode = "lenient"',
        'allowed-names = ["demo", "test"]',
      ].join('\n'),
    });
    const cfg = await configFor(root);
    expect(cfg.rules.get('missing-retries')).toEqual({ severity: 'warning', severityConfigured: false, options: { minimum: 3 } });
    expect(cfg.rules.get('hardcoded-secret')).toEqual({
      severity: 'error',
      severityConfigured: false,
      options: { 'allowed-names': ['demo', 'test'], mode: 'lenient', 'check-env': true, entropy: 3.5 },
    });
    const defaults = await configFor(tree({}));
    expect(defaults.rules.get('missing-retries')?.options).toEqual({ minimum: 1 });
    const names = defaults.rules.get('hardcoded-secret')?.options['allowed-names'] as string[];
    expect(names).toEqual(['example']);
    names.push('mutated');
    const hs = CATALOG.find((r) => r.id === 'hardcoded-secret');
    expect(hs?.options['allowed-names']?.default).toEqual(['example']);
  });
});

describe('per-file-ignores', () => {
  it('matches globs relative to the config folder and expands categories', async () => {
    const root = tree({
      'pyproject.toml': [
        '[tool.airlint.per-file-ignores]',
        '"dags/experimental/**" = ["missing-failure-alert"]',
        '"dags/legacy" = ["security"]',
        '"__init__.py" = ["all"]',
      ].join('\n'),
    });
    const cfg = await configFor(root);
    expect(cfg.perFileIgnores).toEqual([
      { pattern: 'dags/experimental/**', rules: new Set(['missing-failure-alert']) },
      { pattern: 'dags/legacy', rules: new Set(['hardcoded-secret', 'credentials-in-uri', 'insecure-ssl']) },
      { pattern: '__init__.py', rules: new Set(CATALOG.map((r) => r.id)) },
    ]);
    const f = (rel: string): string => path.join(root, rel);
    expect(isRuleIgnoredForFile(cfg, f('dags/experimental/a/b.py'), 'missing-failure-alert')).toBe(true);
    expect(isRuleIgnoredForFile(cfg, f('dags/experimental/a/b.py'), 'dag-cycle')).toBe(false);
    expect(isRuleIgnoredForFile(cfg, f('dags/etl.py'), 'missing-failure-alert')).toBe(false);
    expect(isRuleIgnoredForFile(cfg, f('other/dags/experimental/x.py'), 'missing-failure-alert')).toBe(false);
    // A folder pattern covers everything below it.
    expect(isRuleIgnoredForFile(cfg, f('dags/legacy/old/etl.py'), 'hardcoded-secret')).toBe(true);
    expect(isRuleIgnoredForFile(cfg, f('dags/legacy/old/etl.py'), 'dag-cycle')).toBe(false);
    // A pattern without a slash matches a name at any depth.
    expect(isRuleIgnoredForFile(cfg, f('dags/pkg/__init__.py'), 'dag-cycle')).toBe(true);
    expect(sorted([...ignoredRulesForFile(cfg, f('dags/legacy/__init__.py'))])).toEqual(sorted(CATALOG.map((r) => r.id)));
    expect(ignoredRulesForFile(cfg, f('dags/etl.py')).size).toBe(0);
  });

  it('is relative to a nested config file', async () => {
    const root = tree({ 'team/airlint.toml': '[per-file-ignores]\n"dags/*.py" = ["dag-cycle"]\n' });
    const cfg = await configFor(root, 'team/dags/x.py');
    expect(isRuleIgnoredForFile(cfg, path.join(root, 'team/dags/x.py'), 'dag-cycle')).toBe(true);
    expect(isRuleIgnoredForFile(cfg, path.join(root, 'dags/x.py'), 'dag-cycle')).toBe(false);
  });
});

describe('include and exclude', () => {
  it('selects paths relative to the config folder', async () => {
    const root = tree({
      'airlint.toml': 'include = ["dags/**/*.py"]\nexclude = ["dags/legacy/**", "scratch/", "*_test.py"]\n',
    });
    const cfg = await configFor(root);
    expect(cfg.include).toEqual(['dags/**/*.py']);
    expect(cfg.exclude).toEqual(['dags/legacy/**', 'scratch/', '*_test.py']);
    const sel = (rel: string): boolean => isPathSelected(cfg, path.join(root, rel));
    expect(sel('dags/etl.py')).toBe(true);
    expect(sel('dags/team/etl.py')).toBe(true);
    expect(sel('dags/.hidden/etl.py')).toBe(true);
    expect(sel('plugins/etl.py')).toBe(false);
    expect(sel('dags/etl.txt')).toBe(false);
    expect(sel('dags/legacy/old.py')).toBe(false);
    expect(sel('dags/scratch/a.py')).toBe(false);
    expect(sel('dags/etl_test.py')).toBe(false);
    expect(isDirExcluded(cfg, path.join(root, 'dags/legacy'))).toBe(true);
    expect(isDirExcluded(cfg, path.join(root, 'dags/legacy/deeper'))).toBe(true);
    expect(isDirExcluded(cfg, path.join(root, 'dags'))).toBe(false);
    expect(isDirExcluded(cfg, path.join(root, 'x/scratch'))).toBe(true);
  });

  it('includes everything when include is empty, and accepts ./ and absolute patterns', async () => {
    const root = tree({});
    writeFileSync(path.join(root, 'airlint.toml'), `exclude = ["./build", ${JSON.stringify(path.join(root, 'tmp'))}]\n`);
    const cfg = await configFor(root);
    expect(isPathSelected(cfg, path.join(root, 'anything/at/all.py'))).toBe(true);
    expect(isPathSelected(cfg, path.join(root, 'build/x.py'))).toBe(false);
    expect(isPathSelected(cfg, path.join(root, 'tmp/x.py'))).toBe(false);
  });

  it('matches files outside rootDir by name only', async () => {
    const root = tree({ 'conf/airlint.toml': 'exclude = ["*_test.py", "dags/**"]\n' });
    const cfg = await configFor(root, 'x.py', { configFile: 'conf/airlint.toml' });
    expect(isPathSelected(cfg, path.join(root, 'dags/a_test.py'))).toBe(false);
    expect(isPathSelected(cfg, path.join(root, 'dags/a.py'))).toBe(true);
  });

  it('reads respect-airflowignore', async () => {
    const root = tree({ 'airlint.toml': 'respect-airflowignore = false\n' });
    expect((await configFor(root)).respectAirflowignore).toBe(false);
  });
});

describe('connections', () => {
  const JSON_EXPORT = JSON.stringify(
    {
      aws_default: { conn_type: 'aws', description: null, login: null, password: null, host: null, port: null, schema: null, extra: null },
      redshift_prod: { conn_type: 'redshift', login: 'etl', password: 'hunter22', host: 'r.example', port: 5439, schema: 'dw', extra: '' },
    },
    null,
    2,
  );
  const YAML_EXPORT = [
    'aws_default:',
    '  conn_type: aws',
    '  description: null',
    '  extra: null',
    '  host: null',
    'redshift_prod:',
    '  conn_type: redshift',
    '  host: r.example',
    '  login: etl',
    '  password: hunter22',
    '  port: 5439',
    '',
  ].join('\n');
  const ENV_URI_EXPORT = 'aws_default=aws://\nredshift_prod=redshift://etl:hunter22@r.example:5439/dw\n';
  const ENV_JSON_EXPORT =
    'aws_default={"conn_type": "aws", "login": null}\nredshift_prod={"conn_type": "redshift", "password": "a=b"}\n';

  it('reads the connections list', async () => {
    const root = tree({ 'airlint.toml': 'connections = ["aws_default", "redshift_prod"]\n' });
    expect((await configFor(root)).connections).toEqual(['aws_default', 'redshift_prod']);
  });

  it('reads every airflow connections export format', async () => {
    for (const [name, text] of [
      ['connections.json', JSON_EXPORT],
      ['connections.yaml', YAML_EXPORT],
      ['connections.yml', YAML_EXPORT],
      ['connections.env', ENV_URI_EXPORT],
      ['json-serialized.env', ENV_JSON_EXPORT],
    ] as const) {
      const root = tree({ [`ops/${name}`]: text, 'airlint.toml': `connections-file = "ops/${name}"\n` });
      expect((await configFor(root)).connections).toEqual(['aws_default', 'redshift_prod']);
    }
  });

  it('treats an empty export as no connections', () => {
    expect(parseConnections(' ', 'env')).toEqual([]);
    expect(parseConnections('', 'json')).toEqual([]);
    expect(parseConnections('{}\n', 'yaml')).toEqual([]);
  });

  it('resolves connections-file relative to the config file and merges with connections', async () => {
    const root = tree({
      'team/airlint.toml': 'connections = ["extra_conn", "aws_default"]\nconnections-file = "conns.yaml"\n',
      'team/conns.yaml': YAML_EXPORT,
    });
    const cfg = await configFor(root, 'team/dags/x.py');
    expect(cfg.connections).toEqual(['extra_conn', 'aws_default', 'redshift_prod']);
  });

  it('sniffs the format when the extension says nothing', async () => {
    for (const text of [JSON_EXPORT, YAML_EXPORT, ENV_URI_EXPORT]) {
      const root = tree({ 'conns.txt': text, 'airlint.toml': 'connections-file = "conns.txt"\n' });
      expect((await configFor(root)).connections).toEqual(['aws_default', 'redshift_prod']);
    }
  });

  it('fails on a missing or unparsable connections file', async () => {
    const missing = tree({ 'pyproject.toml': '[tool.airlint]\nconnections-file = "nope.yaml"\n' });
    const e1 = await configError(configFor(missing));
    expect(e1.message).toBe('pyproject.toml: [tool.airlint] connections-file: "nope.yaml": file not found');
    expect(e1.key).toBe('connections-file');
    expect(e1.file).toBe(path.join(missing, 'pyproject.toml'));
    for (const [name, text] of [
      ['c.json', '{"aws_default": '],
      ['c.json', '["aws_default"]'],
      ['c.yaml', 'aws_default: [\n'],
      ['c.yaml', '- aws_default\n'],
      ['c.env', 'aws_default=aws://\nthis line is wrong\n'],
    ] as const) {
      const root = tree({ [name]: text, 'airlint.toml': `connections-file = "${name}"\n` });
      const err = await configError(configFor(root));
      expect(err.message).toMatch(new RegExp(`^airlint\\.toml: connections-file: "${name.replace('.', '\\.')}": not a valid (json|yaml|env) connections export: `));
      expect(err.message).not.toContain('hunter22');
    }
  });

  it('is null when neither key is set', async () => {
    expect((await configFor(tree({ 'airlint.toml': 'select = ["all"]\n' }))).connections).toBeNull();
  });
});

describe('CLI overrides', () => {
  const body = 'select = ["security"]\nextend-select = ["dag-cycle"]\nignore = ["insecure-ssl"]\nairflow-version = "2.9"\nfail-on = "error"\n';

  it('--select replaces the config select; --extend-select and --ignore add to the config lists', async () => {
    const root = tree({ 'airlint.toml': body });
    expect(enabled(await configFor(root))).toEqual(['credentials-in-uri', 'dag-cycle', 'hardcoded-secret']);
    expect(enabled(await configFor(root, 'x.py', { overrides: { select: ['retries'] } }))).toEqual([
      'dag-cycle',
      'missing-execution-timeout',
      'missing-retries',
    ]);
    expect(enabled(await configFor(root, 'x.py', { overrides: { extendSelect: ['implicit-catchup'] } }))).toEqual([
      'credentials-in-uri',
      'dag-cycle',
      'hardcoded-secret',
      'implicit-catchup',
    ]);
    expect(enabled(await configFor(root, 'x.py', { overrides: { ignore: ['hardcoded-secret'] } }))).toEqual([
      'credentials-in-uri',
      'dag-cycle',
    ]);
    // --select replaces only the config's select: its extend-select and ignore still apply.
    expect(enabled(await configFor(root, 'x.py', { overrides: { select: ['security'] } }))).toEqual([
      'credentials-in-uri',
      'dag-cycle',
      'hardcoded-secret',
    ]);
    // The config's ignore still applies to a CLI --extend-select of the category.
    expect(enabled(await configFor(root, 'x.py', { overrides: { extendSelect: ['security'] } }))).toEqual([
      'credentials-in-uri',
      'dag-cycle',
      'hardcoded-secret',
    ]);
  });

  it('overrides airflow-version and fail-on', async () => {
    const root = tree({ 'airlint.toml': body });
    const plain = await configFor(root);
    expect(plain.airflowVersion).toBe('2.9');
    expect(plain.failOn).toBe('error');
    const cfg = await configFor(root, 'x.py', { overrides: { airflowVersion: '3.0.1', failOn: 'never' } });
    expect(cfg.airflowVersion).toBe('3.0.1');
    expect(cfg.failOn).toBe('never');
  });

  it('rejects bad flag values with the flag as the key', async () => {
    const root = tree({});
    const sel = await configError(configFor(root, 'x.py', { overrides: { select: ['dag-cycl'] } }));
    expect(sel.message).toBe('--select: unknown rule or category "dag-cycl"; did you mean "dag-cycle"?');
    expect(sel.file).toBeNull();
    expect(sel.key).toBe('--select');
    const ign = await configError(configFor(root, 'x.py', { overrides: { ignore: ['nothing-like-it'] } }));
    expect(ign.message).toBe('--ignore: unknown rule or category "nothing-like-it"');
    const ext = await configError(configFor(root, 'x.py', { overrides: { extendSelect: ['securit'] } }));
    expect(ext.key).toBe('--extend-select');
    const ver = await configError(configFor(root, 'x.py', { overrides: { airflowVersion: '4' } }));
    expect(ver.key).toBe('--airflow-version');
    const fail = await configError(
      configFor(root, 'x.py', { overrides: { failOn: 'warn' as CliOverrides['failOn'] } }),
    );
    expect(fail.message).toBe('--fail-on: expected one of error, warning, info, never, got "warn"; did you mean "warning"?');
  });
});

describe('JSON Schema', () => {
  it('enumerates rule ids and per-rule option schemas', () => {
    const schema = buildConfigSchema(CATALOG) as {
      properties: Record<string, { properties?: Record<string, { properties: Record<string, unknown> }> }>;
      definitions: { selector: { enum: string[] } };
    };
    expect(Object.keys(schema.properties.rules?.properties ?? {})).toEqual(sorted(CATALOG.map((r) => r.id)));
    expect(schema.properties.rules?.properties?.['missing-retries']?.properties.minimum).toEqual({
      description: 'fewest retries accepted',
      type: 'integer',
      minimum: 0,
      default: 1,
    });
    expect(schema.properties.rules?.properties?.['hardcoded-secret']?.properties['allowed-names']).toMatchObject({
      type: 'array',
      items: { type: 'string' },
      default: ['example'],
    });
    expect(schema.definitions.selector.enum).toEqual(
      expect.arrayContaining(['all', 'recommended', 'security', 'meta', 'dag-cycle', 'unused-suppression']),
    );
    expect(Object.keys(schema.properties).sort()).toEqual(
      sorted([
        'airflow-version',
        'select',
        'extend-select',
        'ignore',
        'fail-on',
        'include',
        'exclude',
        'respect-airflowignore',
        'connections',
        'connections-file',
        'per-file-ignores',
        'rules',
      ]),
    );
  });

  it('is a valid draft-07 schema that accepts the spec example', () => {
    const ajv = new Ajv({ strict: true, strictTypes: false });
    const validate = ajv.compile(buildConfigSchema(CATALOG));
    const example = {
      'airflow-version': '2.10',
      select: ['recommended'],
      'extend-select': ['missing-execution-timeout'],
      ignore: ['implicit-catchup'],
      'fail-on': 'warning',
      include: ['dags/**/*.py'],
      exclude: ['dags/legacy/**'],
      'respect-airflowignore': true,
      connections: ['aws_default', 'redshift_prod'],
      'connections-file': 'connections.yaml',
      'per-file-ignores': { 'dags/experimental/**': ['missing-failure-alert'] },
      rules: { 'missing-retries': { severity: 'error', minimum: 2 } },
    };
    expect(validate(example)).toBe(true);
  });

  it('is deterministic whatever the catalog order', () => {
    expect(renderConfigSchema([...CATALOG].reverse())).toBe(renderConfigSchema(CATALOG));
    expect(renderConfigSchema(CATALOG).endsWith('}\n')).toBe(true);
  });
});
