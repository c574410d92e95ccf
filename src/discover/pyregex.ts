/**
 * Translate a Python `re` pattern (as written in a regexp-syntax `.airflowignore`) into an
 * equivalent JavaScript RegExp.
 *
 * Airflow 3 compiles each line with Python's `re.compile` and matches it with `.search()`.
 * (Airflow 2.6 to 2.11 used Google RE2 through `re2.compile`, which refuses look-arounds and
 * back-references: such a line is skipped there with a warning; here, as in Airflow 3, it works.)
 *
 * JavaScript and Python regular expressions mostly agree; this function rewrites the places
 * where they differ so that the translated pattern matches the same strings:
 * - `(?P<name>...)` and `(?P=name)` become `(?<name>...)` and `\k<name>`;
 * - global flags at the start, `(?i)`, `(?m)`, `(?s)`, `(?x)`, `(?a)`, `(?u)`, become JS flags or
 *   are applied while translating;
 * - `\d`, `\w` (and their negations) are Unicode-aware in Python 3, ASCII-only in JS: they become
 *   `\p{Nd}` and `[\p{L}\p{N}_]` unless `(?a)` is given;
 * - `\A`, `\Z`, `$` (which in Python also matches before a final newline), and `.` (which in
 *   Python excludes only `\n`) are spelled out;
 * - a `{` or `}` that is not a quantifier, and a stray `]`, are literals in Python, errors in JS;
 * - `{,n}` means `{0,n}` in Python;
 * - escaped punctuation (`\-`, `\ `, `\'`) is a plain literal in Python, an error under JS's `u`
 *   flag, so it is unescaped.
 * Anything Python rejects throws (Airflow logs a warning and skips the line); so does anything
 * Node 20's RegExp cannot express (scoped flags `(?i:...)`, atomic groups, possessive
 * quantifiers, conditionals, `\N{NAME}`): the caller reports that the line is skipped.
 */

export class PyRegexError extends Error {}

const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = /^[0-7]$/;
const DIGIT = /^[0-9]$/;
const ASCII_LETTER = /^[A-Za-z]$/;
/** Python's str.isspace() also counts the ASCII separators \x1c-\x1f, which JS's \s does not. */
// eslint-disable-next-line no-control-regex -- that is the point
const PY_WHITESPACE = /^[\s\x1c-\x1f]$/u;

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  verbose: boolean;
  ascii: boolean;
}

function codePointEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** A literal character, escaped as JS (with the `u` flag) needs it, outside or inside a class. */
function literal(ch: string, inClass: boolean): string {
  if (JS_SYNTAX.has(ch) || (inClass && ch === '-')) return `\\${ch}`;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  return ch;
}

export function translatePythonRegex(pattern: string): RegExp {
  const flags: Flags = { ignoreCase: false, multiline: false, dotAll: false, verbose: false, ascii: false };
  let i = 0;
  // Global flags: only at the very start in Python 3.11+ (elsewhere they are an error).
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(pattern.slice(i)); m; m = /^\(\?([aiLmsux]+)\)/.exec(pattern.slice(i))) {
    for (const f of m[1] ?? '') {
      if (f === 'i') flags.ignoreCase = true;
      else if (f === 'm') flags.multiline = true;
      else if (f === 's') flags.dotAll = true;
      else if (f === 'x') flags.verbose = true;
      else if (f === 'a') flags.ascii = true;
      else if (f === 'L') throw new PyRegexError('bad inline flag: cannot use LOCALE flag with a str pattern');
    }
    i += m[0].length;
  }

  const chars = Array.from(pattern.slice(i));
  let out = '';
  let inClass = false;
  let classFirst = false; // just after `[` or `[^`
  let groups = 0;
  const names = new Set<string>();

  const digitClass = (negate: boolean, inCls: boolean): string => {
    if (flags.ascii) return inCls ? (negate ? '\\D' : '0-9') : negate ? '[^0-9]' : '[0-9]';
    return negate ? '\\P{Nd}' : '\\p{Nd}';
  };
  const wordClass = (negate: boolean, inCls: boolean): string => {
    const body = flags.ascii ? 'A-Za-z0-9_' : '\\p{L}\\p{N}_';
    if (inCls) return negate ? '\\W' : body; // `[\W...]` keeps JS's (ASCII) meaning: rare enough
    return negate ? `[^${body}]` : `[${body}]`;
  };

  /** Translate the escape starting at chars[k] (the backslash); return [text, next index]. */
  const escape = (k: number, inCls: boolean): [string, number] => {
    const c = chars[k + 1];
    if (c === undefined) throw new PyRegexError('bad escape (end of pattern)');
    switch (c) {
      case 'd': return [digitClass(false, inCls), k + 2];
      case 'D': return [digitClass(true, inCls), k + 2];
      case 'w': return [wordClass(false, inCls), k + 2];
      case 'W': return [wordClass(true, inCls), k + 2];
      case 's': return ['\\s', k + 2];
      case 'S': return ['\\S', k + 2];
      case 'n': return ['\\n', k + 2];
      case 't': return ['\\t', k + 2];
      case 'r': return ['\\r', k + 2];
      case 'f': return ['\\f', k + 2];
      case 'v': return ['\\v', k + 2];
      case 'a': return ['\\x07', k + 2];
      case '\\': return ['\\\\', k + 2];
      case 'b': return [inCls ? '\\x08' : '\\b', k + 2];
      case 'B':
        if (inCls) throw new PyRegexError('bad escape \\B');
        return ['\\B', k + 2];
      case 'A':
        if (inCls) throw new PyRegexError('bad escape \\A');
        return ['(?<![^])', k + 2];
      case 'Z':
        if (inCls) throw new PyRegexError('bad escape \\Z');
        return ['(?![^])', k + 2];
      case 'x': {
        const h = chars.slice(k + 2, k + 4).join('');
        if (h.length !== 2 || !HEX.test(h)) throw new PyRegexError(`incomplete escape \\x${h}`);
        return [codePointEscape(parseInt(h, 16)), k + 4];
      }
      case 'u':
      case 'U': {
        const n = c === 'u' ? 4 : 8;
        const h = chars.slice(k + 2, k + 2 + n).join('');
        if (h.length !== n || !HEX.test(h)) throw new PyRegexError(`incomplete escape \\${c}${h}`);
        const cp = parseInt(h, 16);
        if (cp > 0x10ffff) throw new PyRegexError(`bad escape \\${c}${h}`);
        return [codePointEscape(cp), k + 2 + n];
      }
      case 'N':
        throw new PyRegexError('\\N{...} named characters are not supported by airlint');
      default:
        break;
    }
    if (DIGIT.test(c)) {
      // Octal: \0, \0o, \0oo, or three octal digits; otherwise a group reference (\1..\99).
      const d1 = chars[k + 2];
      const d2 = chars[k + 3];
      if (c === '0') {
        let digits = '0';
        let j = k + 2;
        while (digits.length < 3 && chars[j] !== undefined && OCTAL.test(chars[j] ?? '')) digits += chars[j++];
        return [codePointEscape(parseInt(digits, 8)), j];
      }
      if (OCTAL.test(c) && d1 !== undefined && OCTAL.test(d1) && d2 !== undefined && OCTAL.test(d2)) {
        const value = parseInt(c + d1 + d2, 8);
        if (value > 0o377) throw new PyRegexError(`octal escape value \\${c}${d1}${d2} outside of range 0-0o377`);
        return [codePointEscape(value), k + 4];
      }
      if (inCls) throw new PyRegexError(`bad escape \\${c}`);
      let ref = c;
      let j = k + 2;
      if (d1 !== undefined && DIGIT.test(d1)) {
        ref += d1;
        j++;
      }
      const n = Number(ref);
      if (n > groups) throw new PyRegexError(`invalid group reference ${ref}`);
      return [`(?:\\${ref})`, j];
    }
    if (ASCII_LETTER.test(c)) throw new PyRegexError(`bad escape \\${c}`);
    return [literal(c, inCls), k + 2];
  };

  let k = 0;
  while (k < chars.length) {
    const ch = chars[k] as string;
    if (inClass) {
      if (ch === ']' && !classFirst) {
        out += ']';
        inClass = false;
        k++;
        continue;
      }
      classFirst = false;
      if (ch === '\\') {
        const [text, next] = escape(k, true);
        out += text;
        k = next;
      } else {
        out += ch === '-' ? '-' : literal(ch, true);
        k++;
      }
      continue;
    }
    if (flags.verbose && PY_WHITESPACE.test(ch)) {
      k++;
      continue;
    }
    switch (ch) {
      case '\\': {
        const [text, next] = escape(k, false);
        out += text;
        k = next;
        break;
      }
      case '[': {
        out += '[';
        k++;
        if (chars[k] === '^') {
          out += '^';
          k++;
        }
        inClass = true;
        classFirst = true;
        break;
      }
      case '(': {
        if (chars[k + 1] !== '?') {
          groups++;
          out += '(';
          k++;
          break;
        }
        const rest = chars.slice(k + 2, k + 2 + 256).join('');
        const named = /^P<([^>]*)>/.exec(rest);
        const backref = /^P=([^)]*)\)/.exec(rest);
        if (named) {
          const name = named[1] ?? '';
          if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) throw new PyRegexError(`bad character in group name '${name}'`);
          if (names.has(name)) throw new PyRegexError(`redefinition of group name '${name}'`);
          names.add(name);
          groups++;
          out += `(?<${name}>`;
          k += 2 + named[0].length;
        } else if (backref) {
          const name = backref[1] ?? '';
          if (!names.has(name)) throw new PyRegexError(`unknown group name '${name}'`);
          out += `(?:\\k<${name}>)`;
          k += 2 + backref[0].length;
        } else if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!')) {
          out += `(?${rest[0]}`;
          k += 3;
        } else if (rest.startsWith('<=') || rest.startsWith('<!')) {
          out += `(?${rest.slice(0, 2)}`;
          k += 4;
        } else if (/^[aiLmsux]+\)/.test(rest)) {
          throw new PyRegexError('global flags not at the start of the expression');
        } else if (/^[aiLmsux-]+:/.test(rest) || rest.startsWith('>') || rest.startsWith('(')) {
          throw new PyRegexError('scoped flags, atomic groups and conditionals are not supported by airlint');
        } else {
          throw new PyRegexError(`unknown extension ?${rest.slice(0, 2)}`);
        }
        break;
      }
      case '{': {
        const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(chars.slice(k, k + 24).join(''));
        if (m && (m[1] !== '' || m[2] !== undefined)) {
          const lo = m[1] === '' ? '0' : (m[1] ?? '0');
          out += m[2] === undefined ? `{${lo}}` : `{${lo},${m[3] ?? ''}}`;
          k += m[0].length;
        } else {
          out += '\\{';
          k++;
        }
        break;
      }
      case '}':
      case ']':
        out += `\\${ch}`;
        k++;
        break;
      case '.':
        out += flags.dotAll ? '[^]' : '[^\\n]';
        k++;
        break;
      case '^':
        out += flags.multiline ? '(?<![^\\n])' : '^';
        k++;
        break;
      case '$':
        out += flags.multiline ? '(?=\\n|(?![^]))' : '(?=\\n?(?![^]))';
        k++;
        break;
      case '*':
      case '+':
      case '?':
        if (chars[k + 1] === '+' && !(ch === '?' && out.endsWith('('))) {
          throw new PyRegexError('possessive quantifiers are not supported by airlint');
        }
        out += ch;
        k++;
        break;
      default:
        out += ch === '/' ? '\\/' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch;
        k++;
    }
  }
  if (inClass) throw new PyRegexError('unterminated character set');
  try {
    return new RegExp(out, flags.ignoreCase ? 'iu' : 'u');
  } catch (e) {
    const message = (e as Error).message.replace(/^Invalid regular expression: \/[^]*\/[a-z]*: /, '');
    throw new PyRegexError(message.charAt(0).toLowerCase() + message.slice(1));
  }
}
