// Lexical checks CPython makes that tree-sitter's forgiving grammar does not: indentation
// (unexpected indent, unindent mismatch, missing indented block), a compound statement without its
// colon, and Python 2 leftovers (`except E, e:`, `0644`, `ur"..."`). One linear pass over the text,
// aware of strings, comments, brackets and line continuations.
import type { Range } from '../engine/types.js';

export interface LexicalProblem extends Range {
  message: string;
}

const COMPOUND = /^(?:async\s+)?(def|class|if|elif|else|for|while|try|except|finally|with)\b/;

interface LogicalLine {
  line: number; // 1-based, where it starts
  indent: number;
  indentText: string;
  text: string; // code with strings blanked and comments removed
  endsWithColon: boolean;
  topLevelColon: boolean;
  topLevelCommaBeforeColon: boolean;
}

/** CPython's indentation width: a tab moves to the next multiple of `tabSize` (8; 1 for the consistency check). */
function width(indent: string, tabSize = 8): number {
  let w = 0;
  for (const ch of indent) w = ch === '\t' ? (Math.floor(w / tabSize) + 1) * tabSize : ch === '\f' ? 0 : w + 1;
  return w;
}

const LF = 10;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** A character of `\w` (ASCII letters, digits, underscore). */
const isWordChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95;
const isQuote = (c: number): boolean => c === 34 || c === 39;

function at(line: number, column: number, length: number, message: string): LexicalProblem {
  return { line, column, endLine: line, endColumn: column + Math.max(1, length), message };
}

export function lexicalProblems(text: string, max = 10): LexicalProblem[] {
  const problems: LexicalProblem[] = [];
  const lines: LogicalLine[] = [];
  let i = 0;
  let lineNo = 1;
  let lineStart = 0;
  const n = text.length;
  // state for the logical line being read
  let depth = 0;
  let cur: { line: number; indentText: string; code: string; colonAtDepth0: boolean; commaBeforeColon: boolean } | null = null;

  const finish = (): void => {
    if (!cur) return;
    const code = cur.code.trimEnd();
    if (code.trim() !== '') {
      lines.push({
        line: cur.line,
        indent: width(cur.indentText),
        indentText: cur.indentText,
        text: code.trim(),
        endsWithColon: code.endsWith(':'),
        topLevelColon: cur.colonAtDepth0,
        topLevelCommaBeforeColon: cur.commaBeforeColon,
      });
    }
    cur = null;
  };

  // The logical line's code is copied from the text a run at a time (`from` is where the current run
  // starts); strings, comments and line breaks end a run.
  let from = 0;
  const flush = (to: number): void => {
    if (cur && to > from) cur.code += text.slice(from, to);
    from = to;
  };
  while (i < n && problems.length < max) {
    const c = text.charCodeAt(i);
    if (cur === null) {
      // Start of a physical line that starts a logical line: read its indentation.
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\f')) j++;
      const next = text[j];
      if (next === '\n' || next === '\r' || next === '#' || next === undefined) {
        // blank or comment-only line: skip to its end
        while (j < n && text[j] !== '\n') j++;
        i = j + 1;
        lineNo++;
        lineStart = i;
        continue;
      }
      cur = { line: lineNo, indentText: text.slice(i, j), code: '', colonAtDepth0: false, commaBeforeColon: false };
      i = from = j;
      continue;
    }
    if (c === HASH) {
      flush(i);
      while (i < n && text.charCodeAt(i) !== LF) i++;
      from = i;
      continue;
    }
    if (c === BACKSLASH && (text.charCodeAt(i + 1) === LF || (text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF))) {
      flush(i);
      i += text.charCodeAt(i + 1) === LF ? 2 : 3;
      lineNo++;
      lineStart = from = i;
      cur.code += ' ';
      continue;
    }
    if (c === LF) {
      flush(i);
      i++;
      lineNo++;
      lineStart = from = i;
      if (depth === 0) finish();
      else if (cur) cur.code += ' ';
      continue;
    }
    // string literal, with its prefix (one or two letters right before a quote, not ending a longer word)
    let p = '';
    if (isLetter(c) && !(i > 0 && isWordChar(text.charCodeAt(i - 1)))) {
      const c1 = text.charCodeAt(i + 1);
      if (isQuote(c1)) p = text[i]!;
      else if (isLetter(c1) && isQuote(text.charCodeAt(i + 2))) p = text.slice(i, i + 2);
    }
    if (isQuote(c) || p) {
      if (!/^(?:|[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/.test(p)) {
        if (/^[uU][rR]$|^[rR][uU]$/.test(p)) problems.push(at(lineNo, i - lineStart + 1, 2, `invalid syntax: the string prefix "${p}" is Python 2 only`));
        if (!isQuote(text.charCodeAt(i + p.length))) {
          i++;
          continue;
        }
      }
      flush(i);
      const q0 = i + p.length;
      const quote = text.charCodeAt(q0);
      const triple = text.charCodeAt(q0 + 1) === quote && text.charCodeAt(q0 + 2) === quote;
      let k = q0 + (triple ? 3 : 1);
      for (;;) {
        if (k >= n) break;
        const ch = text.charCodeAt(k);
        if (ch === BACKSLASH) {
          // An escaped line break (kept as is in a raw string) is still a line.
          if (text.charCodeAt(k + 1) === LF) {
            lineNo++;
            lineStart = k + 2;
          }
          k += 2;
          continue;
        }
        if (ch === LF) {
          if (!triple) break; // unterminated: tree-sitter reports it
          lineNo++;
          lineStart = k + 1;
        }
        if (ch === quote && (!triple || (text.charCodeAt(k + 1) === quote && text.charCodeAt(k + 2) === quote))) {
          k += triple ? 3 : 1;
          break;
        }
        k++;
      }
      cur.code += '""';
      i = from = k;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++; // ( [ {
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1); // ) ] }
    else if (depth === 0 && c === 58) cur.colonAtDepth0 = true; // :
    else if (depth === 0 && c === 44 && !cur.colonAtDepth0) cur.commaBeforeColon = true; // ,
    // A number token (with its exponent sign); a decimal integer with leading zeros is Python 2 octal.
    if (isDigit(c) && (i === 0 || !(isWordChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 46))) {
      const m = /^[0-9][\w]*(?:\.[\w]*)?(?:(?<=[eE])[+-][\w]+)?/.exec(text.slice(i, i + 80));
      const tok = m ? m[0] : text[i]!;
      if (/^0[0-9_]+$/.test(tok) && /[1-9]/.test(tok)) {
        problems.push(at(lineNo, i - lineStart + 1, tok.length, 'invalid syntax: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'));
      }
      i += tok.length;
      continue;
    }
    i++;
  }
  flush(i);
  finish();

  // CPython's tokenizer measures each indentation twice, with tabs of 8 and of 1 column; the two
  // must order the lines the same way, else it is a TabError (tabs and spaces mixed inconsistently).
  const stack = [0];
  const altStack = [0];
  const tabError = (l: LogicalLine): LexicalProblem => at(l.line, 1, l.indentText.length, 'invalid syntax: inconsistent use of tabs and spaces in indentation (TabError)');
  let expectBlock: LogicalLine | null = null;
  for (const l of lines) {
    if (problems.length >= max) break;
    const top = stack[stack.length - 1]!;
    const alt = width(l.indentText, 1);
    if (expectBlock) {
      if (l.indent <= top) {
        problems.push(at(l.line, 1, l.indentText.length + 1, `invalid syntax: expected an indented block after line ${expectBlock.line}`));
        break;
      }
      if (alt <= altStack[altStack.length - 1]!) {
        problems.push(tabError(l));
        break;
      }
      stack.push(l.indent);
      altStack.push(alt);
      expectBlock = null;
    } else if (l.indent > top) {
      problems.push(at(l.line, 1, l.indent, 'invalid syntax: unexpected indent'));
      break;
    } else if (l.indent < top) {
      while (stack.length > 1 && l.indent < stack[stack.length - 1]!) {
        stack.pop();
        altStack.pop();
      }
      if (l.indent !== stack[stack.length - 1]) {
        problems.push(at(l.line, 1, l.indent, 'invalid syntax: unindent does not match any outer indentation level'));
        break;
      }
      if (alt !== altStack[altStack.length - 1]) {
        problems.push(tabError(l));
        break;
      }
    } else if (alt !== altStack[altStack.length - 1]) {
      problems.push(tabError(l));
      break;
    }
    const kw = COMPOUND.exec(l.text);
    if (kw && !l.topLevelColon) {
      problems.push(at(l.line, l.indentText.length + 1, l.text.length, `invalid syntax: expected ":" after "${kw[1]}"`));
      break;
    }
    if (kw?.[1] === 'except' && l.topLevelCommaBeforeColon) {
      problems.push(at(l.line, l.indentText.length + 1, l.text.length, 'invalid syntax: multiple exception types must be parenthesized (Python 2 "except E, e:")'));
      break;
    }
    if (l.endsWithColon) expectBlock = l;
  }
  return problems.slice(0, max);
}
