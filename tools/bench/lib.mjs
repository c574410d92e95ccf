// Shared pieces of the benchmark scripts: the repository's paths, keeping dist/ current, timing a
// child process with its peak RSS, the pinned native ruff, and small statistics and table helpers.
import { Buffer } from 'node:buffer';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'airlint.js');
export const DIST = path.join(ROOT, 'dist');
export const WORK = path.join(os.tmpdir(), 'airlint-bench');

/** The cores the benchmark can use (what a worker pool sized "to the cores" would see). */
export function coreCount() {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: coreCount(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: os.loadavg()[0],
  };
}

export function tempDir(prefix) {
  mkdirSync(WORK, { recursive: true });
  return mkdtempSync(path.join(WORK, prefix));
}

// ---------------------------------------------------------------------------------------------------
// dist/ must be built from the current sources, or the benchmark measures old code.

function newestMtime(dir, suffix, skip = () => false) {
  let newest = 0;
  let file = null;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!skip(p)) walk(p);
      } else if (e.name.endsWith(suffix)) {
        const m = statSync(p).mtimeMs;
        if (m > newest) [newest, file] = [m, p];
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { mtime: newest, file };
}

/**
 * Whether dist/ is older than the TypeScript it is built from: some src/ or rules/ file (or a
 * tsconfig) changed after the oldest output of the last build, or an output is missing.
 */
export function distStale() {
  const sources = [newestMtime(path.join(ROOT, 'src'), '.ts'), newestMtime(path.join(ROOT, 'rules'), '.ts')];
  for (const f of ['tsconfig.json', 'tsconfig.build.json']) sources.push({ mtime: statSync(path.join(ROOT, f)).mtimeMs, file: f });
  const newest = sources.reduce((a, b) => (b.mtime > a.mtime ? b : a));
  for (const rel of ['dist/src/index.js', 'dist/src/cli/main.js', 'dist/rules/index.js']) {
    const p = path.join(ROOT, rel);
    if (!existsSync(p)) return `${rel} is missing`;
    if (statSync(p).mtimeMs < newest.mtime) return `${path.relative(ROOT, newest.file)} is newer than ${rel}`;
  }
  // Each source file's own output must be at least as new as the source.
  for (const top of ['src', 'rules']) {
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          const r = walk(p);
          if (r) return r;
        } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
          const out = path.join(DIST, path.relative(ROOT, p)).replace(/\.ts$/, '.js');
          if (!existsSync(out) || statSync(out).mtimeMs < statSync(p).mtimeMs) return `${path.relative(ROOT, p)} is newer than its build`;
        }
      }
      return null;
    };
    const r = walk(path.join(ROOT, top));
    if (r) return r;
  }
  return null;
}

/** Builds dist/ when it is stale (or always with `force`); returns what was done. */
export function ensureBuilt({ force = false, log = console.log } = {}) {
  const stale = force ? 'a build was asked for' : distStale();
  if (!stale) return 'dist/ is current';
  log(`building dist/ (${stale}) ...`);
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  return `built (${stale})`;
}

export function gitDescribe() {
  try {
    const quiet = { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] };
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], quiet).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'rules', 'bin'], quiet).trim() !== '';
    return `${head}${dirty ? ' (src/ or rules/ changed since)' : ''}`;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------------
// Running a child process: wall time and peak RSS

let gnuTime = null;
/** GNU time writes the peak RSS (%M, KB) of the command it runs; BSD and busybox time do not. */
function hasGnuTime() {
  if (gnuTime !== null) return gnuTime;
  gnuTime = false;
  if (existsSync('/usr/bin/time')) {
    const dir = tempDir('time-');
    const out = path.join(dir, 'rss');
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', out, 'true'], { stdio: 'ignore' });
    gnuTime = r.status === 0 && existsSync(out) && /^\d+ [\d.]+ [\d.]+\s*$/m.test(readFileSync(out, 'utf8'));
    rmSync(dir, { recursive: true, force: true });
  }
  return gnuTime;
}

export function rssMethod() {
  return hasGnuTime() ? 'GNU /usr/bin/time -f "%M %U %S"' : 'process.resourceUsage().maxRSS (Node children), /proc VmHWM sampling (others)';
}

/** Ends a measured child and what it started (it leads its own process group: GNU time, then the tool). */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Children running now: a benchmark that is interrupted takes them with it. */
const live = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of live) killGroup(child);
    process.exit(130);
  });
}

const RSS_HOOK = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-hook.mjs')).href;

/**
 * Runs `cmd args` and measures it: wall time (from spawn to exit, so process start-up counts, the
 * same for every tool), peak RSS in KB, exit code, and its output. Rejects only when it cannot start
 * or runs past `timeoutMs`.
 */
export function runMeasured(cmd, args, { cwd = ROOT, env = process.env, timeoutMs = 30 * 60_000 } = {}) {
  const dir = tempDir('run-');
  const rssFile = path.join(dir, 'rss');
  let file = cmd;
  let argv = args;
  let childEnv = env;
  let sampler = null;
  let sampled = 0;
  if (hasGnuTime()) {
    file = '/usr/bin/time';
    argv = ['-f', '%M %U %S', '-o', rssFile, cmd, ...args];
  } else if (cmd === process.execPath) {
    argv = ['--import', RSS_HOOK, ...args];
    childEnv = { ...env, AIRLINT_BENCH_RSS_FILE: rssFile };
  }
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.add(child);
    const chunks = { out: [], err: [] };
    child.stdout.on('data', (c) => chunks.out.push(c));
    child.stderr.on('data', (c) => chunks.err.push(c));
    if (!hasGnuTime() && cmd !== process.execPath && existsSync(`/proc/${process.pid}/status`)) {
      sampler = setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) sampled = Math.max(sampled, Number(m[1]));
        } catch {
          // exited between samples
        }
      }, 5);
    }
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    child.on('error', (e) => {
      live.delete(child);
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - start;
      live.delete(child);
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      let rssKB = sampled || null;
      let cpuMs = null;
      if (existsSync(rssFile)) {
        // "<peak RSS KB> <user s> <system s>", after GNU time's note on a failing command.
        const last = readFileSync(rssFile, 'utf8').trim().split('\n').filter((l) => /^\d+ [\d.]+ [\d.]+$/.test(l.trim())).pop();
        if (last) {
          const [kb, user, sys] = last.trim().split(' ').map(Number);
          rssKB = kb;
          cpuMs = (user + sys) * 1000;
        }
      }
      rmSync(dir, { recursive: true, force: true });
      const stderr = Buffer.concat(chunks.err).toString('utf8');
      // GNU time reports a failing command on its -o file, not on stderr; a signal shows in the code.
      resolve({ wallMs, cpuMs, rssKB, code: signal ? `signal ${signal}` : code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Native ruff from PyPI, pinned, in a virtual environment of the benchmark's own

export const RUFF_VERSION = '0.17.4';

/**
 * The path of a ruff binary of RUFF_VERSION in os.tmpdir()/airlint-bench/ruff-<version>/, creating
 * the virtual environment on first use. Returns { ruff } or { error }.
 */
export function nativeRuff({ log = console.log } = {}) {
  const venv = path.join(WORK, `ruff-${RUFF_VERSION}-venv`);
  const bin = path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
  const ruff = path.join(bin, process.platform === 'win32' ? 'ruff.exe' : 'ruff');
  const version = () => spawnSync(ruff, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (existsSync(ruff) && version() === `ruff ${RUFF_VERSION}`) return { ruff };
  const python = process.env.PYTHON ?? (process.platform === 'win32' ? 'python' : 'python3');
  log(`creating ${venv} with ruff==${RUFF_VERSION} from PyPI ...`);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const mk = spawnSync(python, ['-m', 'venv', venv], { encoding: 'utf8' });
  if (mk.status !== 0) return { error: `${python} -m venv failed: ${(mk.stderr || mk.error?.message || '').trim().split('\n').pop()}` };
  const pip = spawnSync(path.join(bin, 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `ruff==${RUFF_VERSION}`], { encoding: 'utf8' });
  if (pip.status !== 0 || version() !== `ruff ${RUFF_VERSION}`) {
    return { error: `pip install ruff==${RUFF_VERSION} failed: ${(pip.stderr || '').trim().split('\n').pop()}` };
  }
  return { ruff };
}

// ---------------------------------------------------------------------------------------------------
// Numbers and tables

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function fmt(n, digits = 2) {
  if (n === null || n === undefined || Number.isNaN(n)) return '-';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain-text table: `columns` are { title, align: 'l' | 'r' }, `rows` arrays of strings. */
export function table(columns, rows) {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (s, i) => (columns[i].align === 'l' ? String(s).padEnd(widths[i]) : String(s).padStart(widths[i]));
  const lines = [columns.map((c, i) => cell(c.title, i)).join('  '), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) lines.push(r.map(cell).join('  '));
  return lines.join('\n');
}
