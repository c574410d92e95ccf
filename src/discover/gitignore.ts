/**
 * `.gitignore` matching, as git does it (dir.c and wildmatch.c), for a top-down walk that tests
 * each entry once and never descends into an ignored folder.
 *
 * Why not the `ignore` package: it answers "is this path ignored" by also testing every parent
 * folder against the same rule list, which gives the wrong answer when a deeper `.gitignore`
 * re-includes a folder that a shallower one excluded (`build/` at the root, `!build/` in
 * `src/`), and it has no notion of nested repositories. The walk already knows the parents are
 * not ignored, so a single-path matcher is both simpler and exact. The test suite checks this
 * module against `git ls-files --others --exclude-standard` on a tree of tricky patterns.
 *
 * Git's rules, as implemented here:
 * - sources, lowest precedence first: `$GIT_COMMON_DIR/info/exclude`, then `.gitignore` files
 *   from the repository root down to the entry's folder; the last matching pattern wins.
 *   (`core.excludesFile`, the user's global ignore file, is deliberately not read: results must
 *   not depend on the machine.)
 * - a line: trailing unescaped spaces are removed; empty lines and lines starting with `#` are
 *   skipped; `!` negates; a trailing `/` restricts the pattern to folders; a pattern with no
 *   other `/` is matched against the entry's name, otherwise against the path relative to the
 *   `.gitignore`'s folder (a leading `/` only anchors);
 * - wildmatch with WM_PATHNAME: `*`, `?` and brackets never match `/`; `**` matches across
 *   folders only when it is a whole segment (at the start, before a slash: any leading folders;
 *   at the end, after a slash: anything below; between slashes: zero or more folders), and is
 *   `*` elsewhere; brackets support `!`/`^` negation, ranges (a reversed range `z-a` matches
 *   `z` only) and `[:class:]` names; an unterminated bracket or an unknown class makes the
 *   pattern match nothing;
 * - a folder holding `.git` is a separate repository: the outer repository's patterns stop there.
 */

export interface GitRule {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  /** Matched against the entry's name (true) or its path relative to the rule's folder. */
  readonly basename: boolean;
  readonly regex: RegExp;
}

/** The patterns of one file, matched relative to `dir`. */
export interface GitLevel {
  readonly dir: string;
  readonly rules: readonly GitRule[];
}

/** The patterns in force in one folder of one repository (outermost level first). */
export interface GitState {
  readonly root: string;
  readonly levels: readonly GitLevel[];
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

function escapeLiteral(ch: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function classChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `\\u{${cp.toString(16)}}`;
}

/** Translate a wildmatch pattern body to a regex source; null: the pattern can never match. */
function wildmatchToRegex(p: string[], pathname: boolean): string | null {
  let out = '';
  let i = 0;
  while (i < p.length) {
    const ch = p[i] as string;
    if (ch === '\\') {
      const next = p[i + 1];
      if (next === undefined) return null;
      out += escapeLiteral(next);
      i += 2;
    } else if (ch === '*') {
      let j = i;
      while (p[j] === '*') j++;
      const run = j - i;
      const prevOk = i === 0 || p[i - 1] === '/';
      const after = p[j];
      const nextOk = after === undefined || after === '/' || (after === '\\' && p[j + 1] === '/');
      if (pathname && run >= 2 && prevOk && nextOk) {
        if (after !== '/') {
          // At the end (or before an escaped `/`, which git does not let match zero folders).
          out += '[^]*';
          i = j;
        } else {
          // `**/`: zero or more whole folders.
          out += '(?:[^]*/)?';
          i = j + 1;
        }
      } else {
        out += pathname ? '[^/]*' : '[^]*';
        i = j;
      }
    } else if (ch === '?') {
      out += pathname ? '[^/]' : '[^]';
      i++;
    } else if (ch === '[') {
      const r = bracket(p, i + 1, pathname);
      if (r === null) return null;
      out += r.source;
      i = r.next;
    } else {
      out += escapeLiteral(ch);
      i++;
    }
  }
  return out;
}

/** A bracket expression starting after its `[`; mirrors wildmatch.c's loop. */
function bracket(p: string[], start: number, pathname: boolean): { source: string; next: number } | null {
  let i = start;
  let negated = false;
  if (p[i] === '!' || p[i] === '^') {
    negated = true;
    i++;
  }
  const items: string[] = [];
  let prev: string | null = null; // the previous single character, for ranges
  let first = true;
  for (;;) {
    const ch = p[i];
    if (ch === undefined) return null;
    if (ch === ']' && !first) break;
    first = false;
    if (ch === '\\') {
      const lit = p[i + 1];
      if (lit === undefined) return null;
      items.push(classChar(lit));
      prev = lit;
      i += 2;
    } else if (ch === '-' && prev !== null && p[i + 1] !== undefined && p[i + 1] !== ']') {
      let hi = p[i + 1] as string;
      i += 2;
      if (hi === '\\') {
        const lit = p[i];
        if (lit === undefined) return null;
        hi = lit;
        i++;
      }
      // `prev` itself was already tested as a single character (so `[z-a]` matches `z`); a
      // reversed range adds nothing.
      const lo = prev;
      if ((lo.codePointAt(0) ?? 0) <= (hi.codePointAt(0) ?? 0)) items.push(`${classChar(lo)}-${classChar(hi)}`);
      prev = null;
    } else if (ch === '[' && p[i + 1] === ':') {
      let j = i + 2;
      while (p[j] !== undefined && p[j] !== ']') j++;
      if (p[j] === undefined) return null;
      if (j - (i + 2) < 1 || p[j - 1] !== ':') {
        // Not `[:name:]`: a plain `[`.
        items.push(classChar('['));
        prev = '[';
        i++;
        continue;
      }
      const name = p.slice(i + 2, j - 1).join('');
      const cls = POSIX_CLASSES[name];
      if (cls === undefined) return null;
      items.push(cls);
      prev = null;
      i = j + 1;
    } else {
      items.push(classChar(ch));
      prev = ch;
      i++;
    }
  }
  const body = items.join('');
  let source: string;
  if (negated) source = pathname ? `[^/${body}]` : `[^${body}]`;
  else if (body === '') source = '(?!)';
  else source = pathname ? `(?![/])[${body}]` : `[${body}]`;
  return { source, next: i + 1 };
}

/** Remove trailing spaces that are not escaped with a backslash (git's trim_trailing_spaces). */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (ch === '\\') {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace < 0 ? line : line.slice(0, lastSpace);
}

export function compileGitPattern(rawLine: string): GitRule | null {
  if (rawLine.startsWith('#')) return null;
  let line = trimTrailingSpaces(rawLine);
  if (line === '') return null;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/')) {
    dirOnly = true;
    line = line.slice(0, -1);
  }
  const basename = !line.includes('/');
  if (!basename && line.startsWith('/')) line = line.slice(1);
  if (line === '') return null;
  const source = wildmatchToRegex(Array.from(line), !basename);
  if (source === null) return null;
  return { negate, dirOnly, basename, regex: new RegExp(`^${source}$`, 'u') };
}

export function parseGitignore(text: string): GitRule[] {
  const rules: GitRule[] = [];
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  for (const line of body.split('\n')) {
    const rule = compileGitPattern(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (rule) rules.push(rule);
  }
  return rules;
}

/**
 * Is the entry ignored? `relativeFrom(dir)` gives its path relative to `dir` with `/`.
 * The deepest level's last matching rule decides.
 */
export function gitIgnored(
  state: GitState,
  relativeFrom: (dir: string) => string,
  name: string,
  isDir: boolean,
): boolean {
  const { levels } = state;
  for (let l = levels.length - 1; l >= 0; l--) {
    const level = levels[l] as GitLevel;
    const { rules } = level;
    let rel: string | undefined;
    for (let r = rules.length - 1; r >= 0; r--) {
      const rule = rules[r] as GitRule;
      if (rule.dirOnly && !isDir) continue;
      let target: string;
      if (rule.basename) target = name;
      else target = rel ??= relativeFrom(level.dir);
      if (rule.regex.test(target)) return !rule.negate;
    }
  }
  return false;
}
