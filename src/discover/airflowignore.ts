/**
 * `.airflowignore`, with Airflow's own semantics for both syntaxes.
 *
 * Sources read (apache/airflow):
 * - Airflow 3: `shared/module_loading/src/airflow_shared/module_loading/file_discovery.py`
 *   (`_RegexpIgnoreRule`, `_GlobIgnoreRule`, `_find_path_from_directory`), called from
 *   `airflow-core/src/airflow/utils/file.py` (`find_dag_file_paths`, default syntax `glob`);
 * - Airflow 2: `airflow/utils/file.py` (same classes; default syntax `regexp`);
 * - later fixes to the glob rules: apache/airflow#56509 (last matching rule wins, 3.1),
 *   #58740 (a folder is matched as `name/`, 3.1), #62860 (a pattern ending in `/` matches
 *   folders only, 3.2).
 *
 * What Airflow does, and this module reproduces:
 * - It walks the DAG folder top-down. In each folder it reads `.airflowignore` (if it is a file),
 *   splits it on newlines (Python's universal newlines: `\r\n` and `\r` end lines too), removes
 *   everything from the first `#` on, together with the whitespace before it (`\s*#.*`; there
 *   is no escape for `#`), and compiles each non-empty line. Nothing else is stripped.
 * - The rules of a folder apply to its files and sub-folders, and are inherited by every folder
 *   below (each sub-folder gets a copy of its parent's list, then appends its own file's rules).
 * - A sub-folder that matches is removed from the walk: nothing below it is seen, and a negation
 *   cannot bring back a file inside it. Files that match are skipped.
 * - regexp syntax: a path is ignored when ANY rule's `re.search` finds a match in the path
 *   relative to the DAG folder root (not to the folder holding the `.airflowignore`), written
 *   with `/`, without a trailing `/` for folders. An invalid regexp is skipped with a warning.
 * - glob syntax: each rule is a pathspec `GitWildMatchPattern` (gitignore-like). A rule whose
 *   text starts with `/` or has a `/` before its end (`pattern.rstrip("/")`) is matched against
 *   the path relative to the folder holding its `.airflowignore`; any other rule is matched
 *   against the entry's name only. Folders get a trailing `/`. Rules are evaluated in order and
 *   the last one that matches decides (`!` negates). A rule ending in `/` only applies to folders.
 *   The rule `/` is skipped with a warning.
 *
 * For glob syntax this follows the newest Airflow 3. Airflow 2.3 to 2.11 differ only where a
 * negation meets a folder: they add the trailing `/` to a folder only for rules that end in `/`
 * themselves, and let a rule ending in `/` match the files below that folder too (so
 * `*` + `!abc/` brings back the files directly in `abc/`). Airflow 3.0 briefly let the first
 * matching rule win.
 */

import { translatePythonRegex } from './pyregex.js';

export type AirflowignoreSyntax = 'regexp' | 'glob';

interface RuleOrigin {
  /** The line as read (after comment removal) and the `.airflowignore` it came from. */
  readonly pattern: string;
  readonly source: string;
}

export interface RegexpRule extends RuleOrigin {
  readonly kind: 'regexp';
  readonly regex: RegExp;
}

export interface GlobRule extends RuleOrigin {
  readonly kind: 'glob';
  readonly regex: RegExp;
  /** true: a match ignores the path; false (a `!` rule): a match includes it again. */
  readonly include: boolean;
  /** The folder the path is taken relative to, or null to match the entry's name alone. */
  readonly relativeTo: string | null;
  readonly dirOnly: boolean;
}

export type AirflowRule = RegexpRule | GlobRule;

/** The rules in force in one folder of the walk. Never mutated: a folder extends a copy. */
export interface AirflowState {
  readonly rules: readonly AirflowRule[];
  /** What regexp rules are matched relative to: the DAG folder (see `discover`). */
  readonly base: string | null;
}

export const EMPTY_AIRFLOW_STATE: AirflowState = { rules: [], base: null };

export interface Problem {
  path: string;
  message: string;
}

/** Python's `str.split("\n")` after universal-newline decoding, then Airflow's comment stripping. */
export function airflowignoreLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    // eslint-disable-next-line no-control-regex -- Python's \s also matches \x1c-\x1f
    .map((line) => line.replace(/[\s\x1c-\x1f]*#[^]*/u, ''));
}

// eslint-disable-next-line no-control-regex -- Python's str.rstrip() also strips \x1c-\x1f
const PY_STRIP_RIGHT = /[\s\x1c-\x1f]+$/u;

function escapeLiteral(ch: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Raised where pathspec raises: Airflow does not catch it, so its DAG discovery fails. */
class PatternError extends Error {}

/**
 * pathspec's `_translate_segment_glob` (1.1): one path segment of a gitignore pattern.
 * Returns null where pathspec >= 1.1 discards the whole pattern (invalid bracket expression).
 */
function translateSegment(seg: string): string | null {
  const chars = Array.from(seg);
  let out = '';
  let i = 0;
  let escaped = false;
  while (i < chars.length) {
    const ch = chars[i++] as string;
    if (escaped) {
      escaped = false;
      out += escapeLiteral(ch);
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === '*') {
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      let j = i;
      if (chars[j] === '!' || chars[j] === '^') j++;
      if (chars[j] === ']') j++;
      while (j < chars.length && chars[j] !== ']') j++;
      if (j >= chars.length) return null; // no closing bracket
      let expr = '[';
      let k = i;
      if (chars[k] === '!' || chars[k] === '^') {
        expr += '^';
        k++;
      }
      // The body goes to Python's `re` as written, backslashes doubled. A `]` right after the
      // opening (or the negation) is a literal in Python, an empty class in JS: escape it.
      let body = chars.slice(k, j).join('').replace(/\\/g, '\\\\');
      if (body.startsWith(']')) body = `\\${body}`;
      expr += body + ']';
      try {
        new RegExp(expr, 'u');
      } catch {
        return null; // e.g. a reversed range: pathspec discards the pattern
      }
      out += expr;
      i = j + 1;
    } else {
      out += escapeLiteral(ch);
    }
  }
  if (escaped) throw new PatternError('escape character found with no next character to escape');
  return out;
}

/**
 * pathspec's `GitIgnoreSpecPattern.pattern_to_regex` (pathspec 1.x, which Airflow gets with
 * its unpinned `pathspec>=0.9.0`), as a JS RegExp to use with `.test` (pathspec uses
 * `re.search`). Returns null for a pattern that matches nothing (blank, comment, `/`, or an
 * invalid bracket expression) and the include flag (false for `!` patterns).
 *
 * pathspec 0.12 differed only in stripping leading spaces too, and in failing on an invalid
 * bracket expression instead of discarding the pattern.
 */
export function compileGitWildMatch(raw: string): { regex: RegExp; include: boolean } | null {
  let pattern = raw.endsWith('\\ ') ? raw : raw.replace(PY_STRIP_RIGHT, '');
  if (pattern === '' || pattern.startsWith('#') || pattern === '/') return null;
  let include = true;
  if (pattern.startsWith('!')) {
    include = false;
    pattern = pattern.slice(1);
  }
  const segs = pattern.split('/');
  const isDirPattern = segs[segs.length - 1] === '';
  if (segs[0] === '') {
    segs.shift();
  } else if (segs.length === 1 || (segs.length === 2 && segs[1] === '')) {
    if (segs[0] !== '**') segs.unshift('**');
  }
  if (segs.length === 0) throw new PatternError('pattern normalized to nothing');
  if (segs[segs.length - 1] === '') segs[segs.length - 1] = '**';
  for (let i = segs.length - 1; i > 0; i--) {
    if (segs[i - 1] === '**' && segs[i] === '**') segs.splice(i, 1);
  }
  const dot = '[^\\n]'; // Python's `.` (no DOTALL)
  let source: string | null = null;
  if (segs.length === 1 && segs[0] === '**') {
    source = isDirPattern ? '/' : dot;
  } else if (segs.length === 2 && segs[0] === '**' && segs[1] === '*') {
    source = dot;
  } else if (segs.length === 3 && segs[0] === '**' && segs[1] === '*' && segs[2] === '**') {
    source = '/';
  } else {
    let out = '';
    let needSlash = false;
    const end = segs.length - 1;
    for (let i = 0; i <= end; i++) {
      const seg = segs[i] as string;
      if (seg === '**') {
        if (i === 0) {
          out += `^(?:${dot}+/)?`;
        } else if (i < end) {
          out += `(?:/${dot}+)?`;
          needSlash = true;
        } else {
          out += '/';
        }
        continue;
      }
      if (i === 0) out += '^';
      if (needSlash) out += '/';
      if (seg === '*') {
        out += '[^/]+';
      } else {
        const part = translateSegment(seg);
        if (part === null) return null;
        out += part;
      }
      if (i === end) out += '(?:/|$)';
      needSlash = true;
    }
    source = out;
  }
  return { regex: new RegExp(source, 'u'), include };
}

/** Compile one line of a `.airflowignore`; problems go to `warn` (and the line is skipped). */
export function compileAirflowRule(
  line: string,
  syntax: AirflowignoreSyntax,
  folder: string,
  file: string,
  warn: (p: Problem) => void,
): AirflowRule | null {
  if (syntax === 'regexp') {
    try {
      return { kind: 'regexp', regex: translatePythonRegex(line), pattern: line, source: file };
    } catch (e) {
      warn({ path: file, message: `ignoring invalid regex '${line}': ${(e as Error).message}` });
      return null;
    }
  }
  if (line.trim() === '/') {
    warn({ path: file, message: "ignoring no-op glob pattern '/'" });
    return null;
  }
  // Airflow decides this on the line as written (after comment removal), before pathspec strips it.
  const anchored = line.startsWith('/') || line.replace(/\/+$/, '').includes('/');
  let compiled: { regex: RegExp; include: boolean } | null;
  try {
    compiled = compileGitWildMatch(line);
  } catch (e) {
    warn({
      path: file,
      message: `ignoring invalid glob pattern '${line}' (${(e as Error).message}); Airflow's DAG discovery fails on it`,
    });
    return null;
  }
  if (compiled === null) {
    if (line.replace(PY_STRIP_RIGHT, '').replace(/^!/, '') !== '') {
      warn({ path: file, message: `ignoring glob pattern '${line}': it matches nothing (invalid bracket expression?)` });
    }
    return null;
  }
  const dirOnly = line.replace(PY_STRIP_RIGHT, '').replace(/^!/, '').endsWith('/');
  return {
    kind: 'glob',
    regex: compiled.regex,
    include: compiled.include,
    relativeTo: anchored ? folder : null,
    dirOnly,
    pattern: line,
    source: file,
  };
}

/** The rules of one `.airflowignore` file (`folder` is the folder holding it). */
export function parseAirflowignore(
  text: string,
  syntax: AirflowignoreSyntax,
  folder: string,
  file: string,
  warn: (p: Problem) => void,
): AirflowRule[] {
  if (text.startsWith('\ufeff')) {
    warn({ path: file, message: 'starts with a byte-order mark, which Airflow reads as part of the first pattern' });
  }
  const rules: AirflowRule[] = [];
  for (const line of airflowignoreLines(text)) {
    if (line === '') continue;
    const rule = compileAirflowRule(line, syntax, folder, file, warn);
    if (rule) rules.push(rule);
  }
  return rules;
}

/**
 * A folder's rules appended to the inherited ones. Airflow matches regexps relative to the DAG
 * folder it walks; unless the caller says where that is (`dagsFolder`), take the outermost folder
 * holding an `.airflowignore` on this path: in the usual layout that is the DAG folder itself.
 */
export function extendAirflowState(
  state: AirflowState,
  rules: readonly AirflowRule[],
  folder: string,
  dagsFolder: string | null,
): AirflowState {
  return { rules: [...state.rules, ...rules], base: state.base ?? dagsFolder ?? folder };
}

/**
 * The rule that makes this path ignored, or null. `relativeFrom(dir)` gives the path relative to
 * `dir` with `/` separators; `name` is the entry's own name.
 */
export function airflowIgnored(
  state: AirflowState,
  relativeFrom: (dir: string) => string,
  name: string,
  isDir: boolean,
): AirflowRule | null {
  const { rules } = state;
  if (rules.length === 0) return null;
  if ((rules[0] as AirflowRule).kind === 'regexp') {
    const rel = relativeFrom(state.base ?? '');
    for (const rule of rules) if (rule.regex.test(rel)) return rule;
    return null;
  }
  let decisive: GlobRule | null = null;
  for (const rule of rules) {
    if (rule.kind !== 'glob') continue;
    if (rule.dirOnly && !isDir) continue;
    let rel = rule.relativeTo === null ? name : relativeFrom(rule.relativeTo);
    if (isDir) rel += '/';
    if (rule.regex.test(rel)) decisive = rule;
  }
  return decisive?.include ? decisive : null;
}
