// Supply chain: airlint's package installs and works with lifecycle scripts off (no dependency's
// install script is needed: tree-sitter-python's native build is never used, only its .wasm file),
// only that one dependency declares an install script, the lock file is committed, and the README
// gives every runtime dependency its reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
const work = mkdtempSync(path.join(tmpdir(), 'airlint-supply-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** npm, quiet and without the update check; the registry only when the local cache lacks a package. */
function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
}

/** Packages under node_modules (scoped ones included) with their package.json. */
function installed(nodeModules: string): { name: string; scripts: Record<string, string> }[] {
  const out: { name: string; scripts: Record<string, string> }[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@') ? readdirSync(path.join(nodeModules, entry)).map((e) => path.join(entry, e)) : [entry];
    for (const dir of dirs) {
      const file = path.join(nodeModules, dir, 'package.json');
      if (!existsSync(file)) continue;
      const meta = JSON.parse(readFileSync(file, 'utf8')) as { name: string; scripts?: Record<string, string> };
      out.push({ name: meta.name, scripts: meta.scripts ?? {} });
    }
  }
  return out;
}

describe('installing airlint', () => {
  it('a packed airlint installed with --ignore-scripts lints the examples', () => {
    // Pack a copy of the working tree (the repository's own dist/ is left alone), built with tsc.
    const source = path.join(work, 'package');
    mkdirSync(source);
    for (const name of ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src', 'rules', 'schema']) cpSync(path.join(repo, name), path.join(source, name), { recursive: true });
    symlinkSync(path.join(repo, 'node_modules'), path.join(source, 'node_modules'), 'dir');
    execFileSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: source, stdio: 'pipe' });
    rmSync(path.join(source, 'node_modules'));
    const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', work], source).trim().split('\n').pop()!;
    expect(tarball).toMatch(/^airlint-.*\.tgz$/);

    const consumer = path.join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
    npm(['install', '--ignore-scripts', '--prefer-offline', path.join(work, tarball)], consumer);

    // Only tree-sitter-python declares an install script (its native binding), and it never ran.
    const modules = path.join(consumer, 'node_modules');
    const withInstallScripts = installed(modules)
      .filter((p) => ['preinstall', 'install', 'postinstall'].some((s) => s in p.scripts))
      .map((p) => p.name);
    expect(withInstallScripts).toEqual(['tree-sitter-python']);
    expect(existsSync(path.join(modules, 'tree-sitter-python', 'build'))).toBe(false);
    expect(installed(modules).map((p) => p.name)).toEqual(expect.arrayContaining(['airlint', ...Object.keys(pkg.dependencies)]));

    const bin = path.join(modules, 'airlint', 'bin', 'airlint.js');
    const r = spawnSync(process.execPath, [bin, 'check', '--no-config', '--format', 'json', path.join(repo, 'fixtures', 'examples')], { cwd: consumer, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: { rule: string }[]; summary: { files: number } };
    expect(report.summary.files).toBeGreaterThan(5);
    expect(new Set(report.diagnostics.map((d) => d.rule))).toContain('dag-cycle');
  }, 120_000);
});

describe('dependencies', () => {
  it('the lock file is committed', () => {
    const tracked = spawnSync('git', ['ls-files', '--error-unmatch', 'package-lock.json'], { cwd: repo, encoding: 'utf8' });
    // A source tree without git (an unpacked archive) still has the file.
    if (tracked.error || /not a git repository/.test(tracked.stderr)) expect(existsSync(path.join(repo, 'package-lock.json'))).toBe(true);
    else expect(tracked.status).toBe(0);
  });

  it('the README gives every runtime dependency a reason, and lists no other', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Dependencies\n'), readme.indexOf('\n## ', readme.indexOf('\n## Dependencies\n') + 1));
    const listed = [...section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map((m) => m[1]!);
    expect(listed.sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
