// `prepare` lifecycle script: build dist/ from TypeScript.
// npm installs a git dependency globally (pre-commit's node hooks do: `npm install -g git+file://...`)
// without installing its devDependencies before `prepare` runs (npm/cli#8440), so the compiler is
// missing there: install the dev dependencies locally first, without scripts (no prepare loop).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const has = (rel) => existsSync(new URL(rel, root));
const npm = (args) => {
  const execPath = process.env.npm_execpath;
  if (execPath) execFileSync(process.execPath, [execPath, ...args], { stdio: 'inherit', cwd: root });
  else execFileSync('npm', args, { stdio: 'inherit', cwd: root });
};

if (!has('node_modules/.bin/tsc') || !has('node_modules/@types/node/package.json')) {
  npm(['install', '--global=false', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}
npm(['run', 'build']);
