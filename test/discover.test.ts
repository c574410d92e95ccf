import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DiscoverOptions, type DiscoverResult, discover, mightContainDag } from '../src/discover/index.js';
import { compileGitWildMatch } from '../src/discover/airflowignore.js';
import { compileGitPattern } from '../src/discover/gitignore.js';
import { translatePythonRegex } from '../src/discover/pyregex.js';

const tmpRoots: string[] = [];

/** A fresh temporary folder holding `tree`: keys are `/`-separated paths; a key ending in `/` is an empty folder. */
function makeTree(tree: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airlint-discover-')));
  tmpRoots.push(root);
  writeTree(root, tree);
  return root;
}

function writeTree(root: string, tree: Record<string, string>): void {
  const made = new Set<string>();
  const mkdir = (dir: string): void => {
    if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  for (const [rel, content] of Object.entries(tree)) {
    const abs = path.join(root, ...rel.split('/'));
    if (rel.endsWith('/')) {
      mkdir(abs);
    } else {
      mkdir(path.dirname(abs));
      fs.writeFileSync(abs, content);
    }
  }
}

afterAll(() => {
  for (const root of tmpRoots) fs.rmSync(root, { recursive: true, force: true });
});

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  XDG_CONFIG_HOME: os.tmpdir(),
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
}

function gitInit(dir: string): void {
  git(dir, 'init', '-q');
}

async function run(root: string, paths: string[], opts: Partial<DiscoverOptions> = {}): Promise<DiscoverResult> {
  return discover(paths, { cwd: root, ...opts });
}

/** The found files relative to `root`, `/`-separated, sorted. */
function rel(root: string, result: DiscoverResult): string[] {
  return result.files.map((f) => path.relative(root, f.path).split(path.sep).join('/'));
}


describe('mightContainDag (Airflow safe-mode heuristic)', () => {
  it('needs "airflow" and "dag", in any case', () => {
    expect(mightContainDag('from airflow import DAG')).toBe(true);
    expect(mightContainDag('from AIRFLOW.models import dag')).toBe(true);
    expect(mightContainDag('import Airflow\n# Dag')).toBe(true);
    expect(mightContainDag('from airflow.decorators import task')).toBe(false);
    expect(mightContainDag('dag = make_dag()')).toBe(false);
    expect(mightContainDag('')).toBe(false);
  });

  it('matches substrings, as Airflow does (no word boundaries)', () => {
    expect(mightContainDag('import company.airflowlib as x\nmy_dagster = 1')).toBe(true);
    expect(mightContainDag('# airflow\nDAGGER = 1')).toBe(true);
  });

  it('accepts Airflow 3 asset files (airflow + asset, no "dag")', () => {
    expect(mightContainDag('from airflow.sdk import asset\n@asset(schedule="@daily")\ndef a(): ...')).toBe(true);
    expect(mightContainDag('from airflow.sdk import Asset')).toBe(true);
    expect(mightContainDag('asset = 1')).toBe(false);
  });

  it('folds ASCII letters only, as bytes.lower() does', () => {
    // U+0131 (dotless i) and U+017F (long s) upper-case to ASCII letters, but Python's bytes.lower() leaves them alone.
    expect(mightContainDag('a\u0131rflow dag')).toBe(false);
    expect(mightContainDag('airflow a\u017F\u017Fet')).toBe(false);
    expect(mightContainDag('\u00e9t\u00e9 AIRFLOW \u00e0 DAG')).toBe(true);
  });
});

describe('discover + mightContainDag, as Airflow lists DAG files', () => {
  it('keeps walked files that pass the heuristic, and named files regardless', async () => {
    const root = makeTree({
      'dags/etl.py': 'from airflow import DAG\n',
      'dags/assets.py': 'from airflow.sdk import asset\n',
      'dags/helpers.py': 'def util(): ...\n',
      'dags/no_dags.py': '',
      'dags/tool.py': '# airflow, no d-a-g here\n',
    });
    const result = await run(root, ['dags', 'dags/helpers.py']);
    const kept = result.files.filter((f) => f.explicit || mightContainDag(fs.readFileSync(f.path, 'utf8')));
    expect(rel(root, { ...result, files: kept })).toEqual(['dags/assets.py', 'dags/etl.py', 'dags/helpers.py']);
  });
});

describe('walking folders', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      'dags/a.py': '',
      'dags/b.txt': '',
      'dags/README.md': '',
      'dags/.hidden.py': '',
      'dags/.py': '',
      'dags/UPPER.PY': '',
      'dags/pkg/__init__.py': '',
      'dags/pkg/deep/c.py': '',
      'dags/.git/hooks/x.py': '',
      'dags/node_modules/m.py': '',
      'dags/__pycache__/a.py': '',
      'dags/.venv/lib/v.py': '',
      'dags/venv/lib/v.py': '',
      'dags/.tox/t.py': '',
      'dags/.mypy_cache/c.py': '',
      'dags/.ruff_cache/c.py': '',
      'dags/lib/site-packages/s.py': '',
      'dags/empty/': '',
      'other/o.py': '',
    });
  });

  it('finds *.py files recursively and skips tool folders', async () => {
    const result = await run(root, ['dags']);
    expect(rel(root, result)).toEqual([
      'dags/.hidden.py',
      'dags/a.py',
      'dags/pkg/__init__.py',
      'dags/pkg/deep/c.py',
    ]);
    expect(result.files.every((f) => !f.explicit && path.isAbsolute(f.path))).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it('walks a skipped folder when it is named', async () => {
    const result = await run(root, ['dags/node_modules']);
    expect(rel(root, result)).toEqual(['dags/node_modules/m.py']);
  });

  it('resolves paths against cwd and accepts absolute paths', async () => {
    const fromDags = await run(path.join(root, 'dags'), ['pkg', path.join(root, 'other')]);
    expect(rel(root, fromDags)).toEqual(['dags/pkg/__init__.py', 'dags/pkg/deep/c.py', 'other/o.py']);
  });

  it('de-duplicates overlapping inputs and keeps files sorted', async () => {
    const result = await run(root, ['other', 'dags/pkg', 'dags', 'dags/pkg/deep/c.py']);
    expect(rel(root, result)).toEqual([
      'dags/.hidden.py',
      'dags/a.py',
      'dags/pkg/__init__.py',
      'dags/pkg/deep/c.py',
      'other/o.py',
    ]);
    expect(result.files.find((f) => f.path.endsWith('c.py'))?.explicit).toBe(true);
    expect(result.files.filter((f) => f.explicit)).toHaveLength(1);
  });

  it('returns nothing for no paths', async () => {
    expect(await run(root, [])).toEqual({ files: [], errors: [], warnings: [], excluded: [] });
  });
});

describe('explicit files and missing paths', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      '.gitignore': 'ignored.py\nnotes/\n',
      'ignored.py': '',
      'script': '#!/usr/bin/env python\n',
      'notes/n.py': '',
      'node_modules/x.py': '',
      'dags/d.py': '',
    });
    gitInit(root);
  });

  it('lints a named file whatever its name, even when git ignores it', async () => {
    const result = await run(root, ['script', 'ignored.py', 'notes/n.py', 'node_modules/x.py']);
    expect(rel(root, result)).toEqual(['ignored.py', 'node_modules/x.py', 'notes/n.py', 'script']);
    expect(result.files.every((f) => f.explicit)).toBe(true);
  });

  it('walks a named folder that git ignores, applying patterns inside it', async () => {
    expect(rel(root, await run(root, ['notes']))).toEqual(['notes/n.py']);
    expect(rel(root, await run(root, ['.']))).toEqual(['dags/d.py']);
  });

  it('reports missing paths as errors, never throws', async () => {
    const result = await run(root, ['nope.py', 'dags', 'dags/d.py/inner.py', 'missing/dir']);
    expect(rel(root, result)).toEqual(['dags/d.py']);
    expect(result.errors).toEqual([
      { path: path.join(root, 'dags', 'd.py', 'inner.py'), message: 'cannot open: a part of the path is not a folder' },
      { path: path.join(root, 'missing', 'dir'), message: 'cannot open: no such file or folder' },
      { path: path.join(root, 'nope.py'), message: 'cannot open: no such file or folder' },
    ]);
  });

  it('reports a path that is neither a file nor a folder', async () => {
    const dir = makeTree({});
    execFileSync('mkfifo', [path.join(dir, 'pipe.py')]);
    const result = await run(dir, ['pipe.py', '.']);
    expect(result.files).toEqual([]);
    expect(result.errors).toEqual([{ path: path.join(dir, 'pipe.py'), message: 'cannot open: not a file or folder' }]);
  });
});

describe('globs', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      '.gitignore': 'gen/\n',
      'top.py': '',
      'dags/a.py': '',
      'dags/a.txt': '',
      'dags/x/b.py': '',
      'dags/x/y/c.py': '',
      'dags/gen/g.py': '',
      'dags/.hidden/h.py': '',
      'dags/.airflowignore': 'skip\n',
      'dags/skip_me.py': '',
      'etc/e.py': '',
    });
    gitInit(root);
  });

  it('expands ** globs relative to cwd, applying the ignore files', async () => {
    const result = await run(root, ['dags/**/*.py']);
    expect(rel(root, result)).toEqual(['dags/.hidden/h.py', 'dags/a.py', 'dags/x/b.py', 'dags/x/y/c.py']);
    expect(result.files.every((f) => !f.explicit)).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it('limits single-level globs to their depth', async () => {
    expect(rel(root, await run(root, ['dags/*.py']))).toEqual(['dags/a.py']);
    expect(rel(root, await run(root, ['*.py']))).toEqual(['top.py']);
    expect(rel(root, await run(root, ['dags/*/*.py']))).toEqual(['dags/.hidden/h.py', 'dags/x/b.py']);
  });

  it('supports braces, character classes and absolute globs', async () => {
    expect(rel(root, await run(root, ['{dags,etc}/[a-e].py']))).toEqual(['dags/a.py', 'etc/e.py']);
    expect(rel(root, await run(path.join(root, 'etc'), [`${root}/dags/x/**/*.py`]))).toEqual([
      'dags/x/b.py',
      'dags/x/y/c.py',
    ]);
  });

  it('keeps only Python files', async () => {
    const result = await run(root, ['dags/a.*']);
    expect(rel(root, result)).toEqual(['dags/a.py']);
  });

  it('reports a glob that matches nothing', async () => {
    const result = await run(root, ['dags/**/*.sql.py', 'nowhere/*.py']);
    expect(result.files).toEqual([]);
    expect(result.errors).toEqual([
      { path: 'dags/**/*.sql.py', message: 'no Python files match this glob' },
      { path: 'nowhere/*.py', message: `no files match: cannot open ${path.join(root, 'nowhere')}: no such file or folder` },
    ]);
  });

  it('prefers an existing path over a glob reading of its name', async () => {
    const dir = makeTree({ 'dags/[old]/x.py': '', 'dags/o/y.py': '' });
    expect(rel(dir, await run(dir, ['dags/[old]']))).toEqual(['dags/[old]/x.py']);
  });
});

describe('.gitignore', () => {
  it('agrees with git on a tree of tricky patterns', async () => {
    const root = makeTree({
      '.gitignore': [
        '# comment',
        '*.log',
        'build/',
        '/top_only.py',
        'docs/*.py',
        '**/gen/',
        'a/**/deep.py',
        'ignored_*.py',
        '!ignored_but_kept.py',
        'trailing.py   ',
        'escaped\\ ',
        '\\#hash.py',
        '\\!bang.py',
        '[abc]_x.py',
        '[!q]_neg.py',
        'x[0-9].py',
        'z[[:digit:]].py',
        '**/nested/*.py',
        'src/**',
        '!src/',
        '!src/*.py',
        'dironly/',
        'star*/',
        '  lead.py',
        'mid/**/end/',
        'odd[.py',
        'r[z-a].py',
      ].join('\n'),
      'keep.py': '',
      'top_only.py': '',
      'sub/top_only.py': '',
      'docs/d.py': '',
      'docs/more/d2.py': '',
      'x/gen/g.py': '',
      'gen.py': '',
      'a/deep.py': '',
      'a/b/c/deep.py': '',
      'ignored_one.py': '',
      'ignored_but_kept.py': '',
      'trailing.py': '',
      'escaped .py': '',
      '#hash.py': '',
      '!bang.py': '',
      'a_x.py': '',
      'd_x.py': '',
      'q_neg.py': '',
      'r_neg.py': '',
      'x1.py': '',
      'xa.py': '',
      'z5.py': '',
      'p/nested/n.py': '',
      'p/nested/deeper/n2.py': '',
      'src/s.py': '',
      'src/inner/s2.py': '',
      'dironly.py': '',
      'f/dironly/x.py': '',
      'start/x.py': '',
      'starfile.py': '',
      '  lead.py': '',
      'lead.py': '',
      'mid/end/e.py': '',
      'mid/1/2/end/e.py': '',
      'mid/end.py': '',
      'odd[.py': '',
      'rz.py': '',
      // A deeper .gitignore overrides a shallower one: build/ is ignored at the root, re-included here.
      'pkg/.gitignore': '!build/\n*.py\n!keep*.py\n',
      'pkg/build/b.py': '',
      'pkg/p.py': '',
      'pkg/keep_p.py': '',
      'pkg2/.gitignore': '!build/\n',
      'pkg2/build/b.py': '',
      'build/b.py': '',
      // info/exclude is written below.
      'excluded_by_info.py': '',
      'sub2/.gitignore': '/anchored.py\nrel/path.py\n',
      'sub2/anchored.py': '',
      'sub2/x/anchored.py': '',
      'sub2/rel/path.py': '',
      'sub2/x/rel/path.py': '',
    });
    gitInit(root);
    fs.appendFileSync(path.join(root, '.git', 'info', 'exclude'), '\nexcluded_by_info.py\n');
    const expected = git(root, 'ls-files', '--others', '--exclude-standard', '-z')
      .split('\0')
      .filter((p) => p.endsWith('.py'))
      .sort();
    const result = await run(root, ['.']);
    expect(rel(root, result)).toEqual(expected);
    // Sanity: the oracle did exclude things.
    expect(expected).toContain('pkg2/build/b.py');
    expect(expected).not.toContain('rz.py'); // git: `r[z-a].py` still matches its first character
    expect(expected).not.toContain('build/b.py');
    expect(expected).not.toContain('excluded_by_info.py');
  });

  it('applies the patterns of folders above the walked one, and not outside a repository', async () => {
    const root = makeTree({ '.gitignore': 'old_*.py\n', 'dags/old_a.py': '', 'dags/new.py': '' });
    expect(rel(root, await run(root, ['dags']))).toEqual(['dags/new.py', 'dags/old_a.py']);
    gitInit(root);
    expect(rel(root, await run(root, ['dags']))).toEqual(['dags/new.py']);
    expect(rel(root, await run(root, ['dags'], { respectGitignore: false }))).toEqual(['dags/new.py', 'dags/old_a.py']);
  });

  it('treats a nested repository as separate: outer patterns stop at its root', async () => {
    const root = makeTree({
      '.gitignore': 'generated_*.py\nvendor/\n',
      'generated_a.py': '',
      'main.py': '',
      'inner/.gitignore': 'local_*.py\n',
      'inner/generated_b.py': '',
      'inner/local_x.py': '',
      'inner/vendor/v.py': '',
      'inner/ok.py': '',
    });
    gitInit(root);
    gitInit(path.join(root, 'inner'));
    fs.appendFileSync(path.join(root, 'inner', '.git', 'info', 'exclude'), 'ok.py\n');
    expect(rel(root, await run(root, ['.']))).toEqual(['inner/generated_b.py', 'inner/vendor/v.py', 'main.py']);
    expect(rel(root, await run(root, ['inner']))).toEqual(['inner/generated_b.py', 'inner/vendor/v.py']);
  });

  it('reads info/exclude through a .git file (worktrees, submodules)', async () => {
    const root = makeTree({ 'main/m.py': '', 'main/skip.py': '' });
    gitInit(path.join(root, 'main'));
    git(path.join(root, 'main'), 'commit', '-q', '--allow-empty', '-m', 'init');
    git(path.join(root, 'main'), 'worktree', 'add', '-q', '--detach', path.join(root, 'wt'));
    fs.appendFileSync(path.join(root, 'main', '.git', 'info', 'exclude'), 'skip.py\n');
    writeTree(root, { 'wt/w.py': '', 'wt/skip.py': '' });
    expect(rel(root, await run(root, ['wt']))).toEqual(['wt/w.py']);
  });
});

describe('compileGitPattern', () => {
  const matches = (pattern: string, p: string, isDir = false): boolean => {
    const rule = compileGitPattern(pattern);
    if (!rule || (rule.dirOnly && !isDir)) return false;
    return rule.regex.test(rule.basename ? (p.split('/').pop() ?? '') : p);
  };
  it('handles ** as git does', () => {
    expect(matches('**/foo', 'foo')).toBe(true);
    expect(matches('**/foo', 'a/b/foo')).toBe(true);
    expect(matches('a/**/b', 'a/b')).toBe(true);
    expect(matches('a/**/b', 'a/x/y/b')).toBe(true);
    expect(matches('a/**', 'a/x/y')).toBe(true);
    expect(matches('a/**', 'a')).toBe(false);
    expect(matches('a**b/c', 'axxb/c')).toBe(true);
    expect(matches('a**b/c', 'ax/xb/c')).toBe(false);
  });
  it('returns null for comments, blanks and patterns that cannot match', () => {
    expect(compileGitPattern('# x')).toBeNull();
    expect(compileGitPattern('   ')).toBeNull();
    expect(compileGitPattern('/')).toBeNull();
    expect(compileGitPattern('a[b')).toBeNull();
    expect(compileGitPattern('[[:nope:]]')).toBeNull();
  });
});

describe('.airflowignore, regexp syntax (Airflow 2 default)', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      'dags/.airflowignore': [
        '.*_invalid.*  # skip invalid files',
        'subdir3       # a folder, anywhere',
        '^specific',
        '',
        '# *badrule    (a comment: never compiled)',
        '*badrule',
      ].join('\n'),
      'dags/test_invalid_cron.py': '',
      'dags/ok.py': '',
      'dags/specific.py': '',
      'dags/subdir1/specific.py': '',
      'dags/subdir1/.airflowignore': '.*_ignore_this.py\n^subdir1/only_here\n',
      'dags/subdir1/test_ignore_this.py': '',
      'dags/subdir1/only_here.py': '',
      'dags/subdir1/kept.py': '',
      'dags/subdir2/test_ignore_this.py': '',
      'dags/subdir2/only_here.py': '',
      'dags/subdir2/subdir3/nested.py': '',
      'dags/subdir3_file.py': '',
    });
    gitInit(root);
  });

  it('matches re.search against the path relative to the DAG folder, inherited by subfolders', async () => {
    const result = await run(root, ['dags']);
    expect(rel(root, result)).toEqual([
      'dags/ok.py',
      'dags/subdir1/kept.py',
      'dags/subdir1/specific.py',
      'dags/subdir2/only_here.py',
      'dags/subdir2/test_ignore_this.py',
    ]);
    expect(result.warnings).toEqual([
      {
        path: path.join(root, 'dags', '.airflowignore'),
        message: "ignoring invalid regex '*badrule': nothing to repeat",
      },
    ]);
  });

  it('is the same whether the repository root, the DAG folder or a subfolder is walked', async () => {
    expect(rel(root, await run(root, ['.']))).toEqual(rel(root, await run(root, ['dags'])));
    expect(rel(root, await run(root, ['dags/subdir1']))).toEqual(['dags/subdir1/kept.py', 'dags/subdir1/specific.py']);
    expect(rel(root, await run(path.join(root, 'dags', 'subdir2'), ['.']))).toEqual([
      'dags/subdir2/only_here.py',
      'dags/subdir2/test_ignore_this.py',
    ]);
  });

  it('leaves out named files and folders it ignores, and says why', async () => {
    const result = await run(root, ['dags/test_invalid_cron.py', 'dags/subdir2/subdir3', 'dags/ok.py']);
    expect(rel(root, result)).toEqual(['dags/ok.py']);
    expect(result.excluded).toEqual([
      {
        path: path.join(root, 'dags', 'subdir2', 'subdir3'),
        reason: `ignored by 'subdir3' in ${path.join(root, 'dags', '.airflowignore')}`,
      },
      {
        path: path.join(root, 'dags', 'test_invalid_cron.py'),
        reason: `ignored by '.*_invalid.*' in ${path.join(root, 'dags', '.airflowignore')}`,
      },
    ]);
    expect(result.errors).toEqual([]);
  });

  it('can be turned off', async () => {
    const result = await run(root, ['dags'], { respectAirflowignore: false });
    expect(result.files).toHaveLength(11);
    expect(result.warnings).toEqual([]);
  });

  it('matches folders without a trailing slash, so "x/" does not prune folder x but ignores its files', async () => {
    const dir = makeTree({
      '.airflowignore': 'lib/\n',
      'lib/a.py': '',
      'lib/sub/b.py': '',
      'lib.py': '',
      'mylib/c.py': '',
    });
    expect(rel(dir, await run(dir, ['.']))).toEqual(['lib.py']);
  });

  it('prunes an ignored folder without entering it', async () => {
    const dir = makeTree({ '.airflowignore': '^big$\n', 'big/x.py': '', 'small/big.py': '', 'big.py': '' });
    fs.symlinkSync(path.join(dir, 'big'), path.join(dir, 'big', 'loop'));
    const result = await run(dir, ['.']);
    expect(rel(dir, result)).toEqual(['big.py', 'small/big.py']);
    expect(result.warnings).toEqual([]);
  });

  it('reads CRLF files and keeps trailing spaces and nothing after #', async () => {
    const dir = makeTree({
      '.airflowignore': 'one\r\ntwo#three\r\nfour   \r\n',
      'one.py': '',
      'two.py': '',
      'three.py': '',
      'four.py': '',
      'four   x.py': '',
    });
    expect(rel(dir, await run(dir, ['.']))).toEqual(['four.py', 'three.py']);
  });

  it('uses the DAG folder as the regexp base when given', async () => {
    const dir = makeTree({
      '.airflowignore': 'everything\n',
      'dags/team/.airflowignore': '^team/old\n',
      'dags/team/old.py': '',
      'dags/team/new.py': '',
      'dags/everything.py': '',
    });
    // Inferred base: the outermost .airflowignore (the repository root here), so ^team/old does not match.
    expect(rel(dir, await run(dir, ['dags']))).toEqual(['dags/team/new.py', 'dags/team/old.py']);
    // Airflow with dags_folder=dags reads neither the root file nor matches from the root.
    expect(rel(dir, await run(dir, ['dags'], { dagsFolder: 'dags' }))).toEqual(['dags/everything.py', 'dags/team/new.py']);
    // Files outside the DAG folder are not subject to .airflowignore at all.
    const other = makeTree({ '.airflowignore': 'x\n', 'x.py': '', 'dags/x.py': '' });
    expect(rel(other, await run(other, ['.'], { dagsFolder: 'dags' }))).toEqual(['dags/x.py', 'x.py']);
  });

  it('translates Python regexps faithfully', () => {
    const search = (re: string, s: string): boolean => translatePythonRegex(re).test(s);
    expect(search('tenant_[\\d]', 'tenant_1.py')).toBe(true);
    expect(search('\\d', '\u0661')).toBe(true); // Unicode digits, as in Python 3
    expect(search('(?a)\\d', '\u0661')).toBe(false);
    expect(search('(?P<n>a)(?P=n)', 'xaax')).toBe(true);
    expect(search('x{,2}y$', 'xxy')).toBe(true);
    expect(search('a{', 'a{')).toBe(true);
    expect(search('\\-\\ ', '- ')).toBe(true);
    expect(search('(?i)SUB', 'sub/x.py')).toBe(true);
    expect(search('^(?!(foo|bar)).*', 'foo/x.py')).toBe(false);
    expect(search('^(?!(foo|bar)).*', 'baz/x.py')).toBe(true);
    expect(search('a$', 'xa\n')).toBe(true);
    expect(search('a\\Z', 'xa\n')).toBe(false);
    expect(() => translatePythonRegex('*x')).toThrow('nothing to repeat');
    expect(() => translatePythonRegex('\\q')).toThrow('bad escape');
    expect(() => translatePythonRegex('(?i:x)')).toThrow('not supported');
  });
});

describe('.airflowignore, glob syntax (Airflow 3 default)', () => {
  const glob = { airflowignoreSyntax: 'glob' } as const;

  it('behaves as in Airflow for the usual pattern kinds', async () => {
    const root = makeTree({
      'dags/.airflowignore': [
        '# comments and blank lines are skipped',
        '',
        '*_invalid_*      # a name pattern: matched against the name, at any depth',
        '**/*_dont_*',
        '!**/*_negate_ignore.py',
        'subdir2/**/test_nested*.py  # anchored: relative to this folder',
        'subdir1/*',
        'subdir2*test*    # no slash in the name, so nothing under subdir2/ matches',
        'subdir2?test*',
        'test_[pr]*',
        '/                # a no-op: warned about and skipped',
      ].join('\n'),
      'dags/test_invalid_cron.py': '',
      'dags/test_on_kill.py': '',
      'dags/test_prev_dagrun_dep.py': '',
      'dags/test_retry.py': '',
      'dags/test_dont_ignore_this.py': '',
      'dags/x_negate_ignore.py': '',
      'dags/subdir1/test_a.py': '',
      'dags/subdir1/x_negate_ignore.py': '',
      'dags/subdir2/.airflowignore': '!test_dont*   # re-includes what the parent ignored\n',
      'dags/subdir2/test_dont_ignore_this.py': '',
      'dags/subdir2/test_on_kill.py': '',
      'dags/subdir2/subdir3/test_nested_dag.py': '',
      'dags/subdir2/subdir3/test_other.py': '',
      'dags/subdir2/subdir3/test_dont_ignore.py': '',
      'dags/other/test_nested_dag.py': '',
    });
    const result = await run(root, ['dags'], glob);
    expect(rel(root, result)).toEqual([
      'dags/other/test_nested_dag.py',
      'dags/subdir2/subdir3/test_dont_ignore.py',
      'dags/subdir2/subdir3/test_other.py',
      'dags/subdir2/test_dont_ignore_this.py',
      'dags/subdir2/test_on_kill.py',
      'dags/test_on_kill.py',
      'dags/x_negate_ignore.py',
    ]);
    expect(result.warnings).toEqual([
      { path: path.join(root, 'dags', '.airflowignore'), message: "ignoring no-op glob pattern '/'" },
    ]);
  });

  it('lets a negation bring back a folder and a file inside it', async () => {
    const root = makeTree({
      'dags/.airflowignore': '*\n!subfolder/\n!subfolder/keep.py\n',
      'dags/drop.py': '',
      'dags/subfolder/keep.py': '',
      'dags/subfolder/drop.py': '',
    });
    expect(rel(root, await run(root, ['dags'], glob))).toEqual(['dags/subfolder/keep.py']);
  });

  it('handles negations with ** in nested folders', async () => {
    const root = makeTree({
      'dags/.airflowignore': '*\n!a/\n!a/b/\n!**/subfolder/\n!**/subfolder/keep.py\ndrop.py\n',
      'dags/ignore_top.py': '',
      'dags/a/b/subfolder/keep.py': '',
      'dags/a/b/subfolder/drop.py': '',
    });
    expect(rel(root, await run(root, ['dags'], glob))).toEqual(['dags/a/b/subfolder/keep.py']);
  });

  it('lets a pattern ending in / re-include a folder but not the files in it', async () => {
    const root = makeTree({
      'dags/.airflowignore': '*\n!abc/\n!abc/def/\n!abc/def/xyz/\n!abc/def/xyz/*\n',
      'dags/top.py': '',
      'dags/abc/a.py': '',
      'dags/abc/def/d.py': '',
      'dags/abc/def/xyz/x.py': '',
    });
    expect(rel(root, await run(root, ['dags'], glob))).toEqual(['dags/abc/def/xyz/x.py']);
  });

  it('lets the last matching pattern decide', async () => {
    const first = makeTree({ '.airflowignore': '*.py\n!keep.py\n', 'keep.py': '', 'drop.py': '' });
    expect(rel(first, await run(first, ['.'], glob))).toEqual(['keep.py']);
    const second = makeTree({ '.airflowignore': '!keep.py\n*.py\n', 'keep.py': '', 'drop.py': '' });
    expect(rel(second, await run(second, ['.'], glob))).toEqual([]);
  });

  it('cannot bring back a file inside an ignored folder', async () => {
    const root = makeTree({ '.airflowignore': 'legacy\n!legacy/keep.py\n', 'legacy/keep.py': '', 'new.py': '' });
    expect(rel(root, await run(root, ['.'], glob))).toEqual(['new.py']);
    const named = await run(root, ['legacy/keep.py'], glob);
    expect(named.files).toEqual([]);
    expect(named.excluded).toEqual([
      { path: path.join(root, 'legacy', 'keep.py'), reason: `ignored by 'legacy' in ${path.join(root, '.airflowignore')}` },
    ]);
  });

  it('matches a folder-only pattern against folders only', async () => {
    const root = makeTree({ '.airflowignore': 'tmp/\n', 'tmp/a.py': '', 'x/tmp/b.py': '', 'tmp.py': '' });
    expect(rel(root, await run(root, ['.'], glob))).toEqual(['tmp.py']);
  });

  it('warns about and skips an invalid bracket expression', async () => {
    const root = makeTree({ '.airflowignore': 'r[z-a].py\nx.py\n', 'rz.py': '', 'x.py': '' });
    const result = await run(root, ['.'], glob);
    expect(rel(root, result)).toEqual(['rz.py']);
    expect(result.warnings.map((w) => w.message)).toEqual([
      "ignoring glob pattern 'r[z-a].py': it matches nothing (invalid bracket expression?)",
    ]);
  });

  it('compiles patterns as pathspec does', () => {
    const search = (p: string, s: string): boolean | null => {
      const c = compileGitWildMatch(p);
      return c === null ? null : c.regex.test(s);
    };
    expect(search('foo', 'a/foo/bar')).toBe(true);
    expect(search('/foo', 'a/foo')).toBe(false);
    expect(search('foo/bar', 'foo/bar/baz')).toBe(true);
    expect(search('a/**/b', 'a/b')).toBe(true);
    expect(search('*/', 'x.py')).toBe(false);
    expect(search('*/', 'x/')).toBe(true);
    expect(search('f[]a]o', 'f]o')).toBe(true);
    expect(search('  lead', 'lead')).toBe(false);
    expect(search('# c', 'x')).toBeNull();
    expect(compileGitWildMatch('!x')?.include).toBe(false);
  });
});

describe('symbolic links', () => {
  for (const syntax of ['regexp', 'glob'] as const) {
    it(`follows links, matching the path as walked (${syntax})`, async () => {
      const root = makeTree({ '.airflowignore': 'folder', 'folder/hello_world.py': '' });
      fs.symlinkSync(path.join(root, 'folder'), path.join(root, 'symlink'));
      const result = await run(root, ['.'], { airflowignoreSyntax: syntax });
      expect(rel(root, result)).toEqual(['symlink/hello_world.py']);
      expect(result.warnings).toEqual([]);
    });
  }

  it('does not hang on a link loop, and warns about it', async () => {
    const root = makeTree({ 'folder2/a.py': '' });
    fs.symlinkSync(path.join(root, 'folder2'), path.join(root, 'folder2', 'recursor'));
    fs.symlinkSync(root, path.join(root, 'up'));
    const result = await run(root, ['.']);
    expect(rel(root, result)).toEqual(['folder2/a.py']);
    expect(result.warnings.map((w) => path.relative(root, w.path))).toEqual(['folder2/recursor', 'up']);
    expect(result.warnings[0]?.message).toContain('Detected recursive loop');
  });

  it('walks a folder reached by two links once, by the first link in order', async () => {
    const root = makeTree({ 'outside/o.py': '', 'dags/d.py': '' });
    fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'dags', 'b_link'));
    fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'dags', 'a_link'));
    fs.symlinkSync(path.join(root, 'dags', 'd.py'), path.join(root, 'dags', 'file_link.py'));
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dags', 'broken.py'));
    const result = await run(root, ['dags']);
    expect(rel(root, result)).toEqual(['dags/a_link/o.py', 'dags/d.py', 'dags/file_link.py']);
    expect(result.warnings.map((w) => path.relative(root, w.path))).toEqual(['dags/b_link']);
    expect(result.errors).toEqual([]);
  });
});

describe('performance', () => {
  it('walks 10,000 files quickly and does not enter ignored folders', async () => {
    const root = makeTree({ '.gitignore': 'data/\n', 'dags/.airflowignore': 'archive\n' });
    gitInit(root);
    const writes: Promise<void>[] = [];
    for (let d = 0; d < 100; d++) {
      for (const [dir, prefix, count] of [
        [`dags/team${d}`, 'dag', 80],
        [`dags/archive/team${d}`, 'old', 10],
        [`data/part${d}`, 'x', 10],
      ] as const) {
        fs.mkdirSync(path.join(root, dir), { recursive: true });
        for (let f = 0; f < count; f++) writes.push(fs.promises.writeFile(path.join(root, dir, `${prefix}_${f}.py`), ''));
      }
    }
    await Promise.all(writes);
    // Loops inside ignored folders would be reported if the walk went in.
    fs.symlinkSync(path.join(root, 'data'), path.join(root, 'data', 'part0', 'loop'));
    fs.symlinkSync(path.join(root, 'dags'), path.join(root, 'dags', 'archive', 'loop'));
    const started = performance.now();
    const result = await run(root, ['.']);
    const elapsed = performance.now() - started;
    expect(result.files).toHaveLength(8000);
    expect(result.warnings).toEqual([]);
    expect(elapsed).toBeLessThan(5000); // about 0.25 s here; writing the tree takes far longer
  }, 120_000);
});
