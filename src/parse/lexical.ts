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

  while (i < n && problems.length < max) {
    const ch = text[i]!;
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
      i = j;
      continue;
    }
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      lineNo++;
      lineStart = i;
      cur.code += ' ';
      continue;
    }
    if (ch === '\n') {
      i++;
      lineNo++;
      lineStart = i;
      if (depth === 0) finish();
      else if (cur) cur.code += ' ';
      continue;
    }
    // string literal, with its prefix
    const wordBefore = i > 0 && /\w/.test(text[i - 1]!);
    const prefix = wordBefore ? null : /^[A-Za-z]{1,2}(?=['"])/.exec(text.slice(i, i + 3));
    if (ch === '"' || ch === "'" || prefix) {
      const p = prefix ? prefix[0] : '';
      if (!/^(?:|[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/.test(p)) {
        if (/^[uU][rR]$|^[rR][uU]$/.test(p)) problems.push(at(lineNo, i - lineStart + 1, 2, `invalid syntax: the string prefix "${p}" is Python 2 only`));
        if (!/['"]/.test(text[i + p.length] ?? '')) {
          cur.code += ch;
          i++;
          continue;
        }
      }
      const q0 = i + p.length;
      const quote = text[q0]!;
      const triple = text.slice(q0, q0 + 3) === quote.repeat(3);
      const raw = /[rR]/.test(p);
      let k = q0 + (triple ? 3 : 1);
      for (;;) {
        if (k >= n) break;
        const c = text[k]!;
        if (c === '\\' && !raw) {
          if (text[k + 1] === '\n') {
            lineNo++;
            lineStart = k + 2;
          }
          k += 2;
          continue;
        }
        if (c === '\\' && raw) {
          k += 2;
          continue;
        }
        if (c === '\n') {
          if (!triple) break; // unterminated: tree-sitter reports it
          lineNo++;
          lineStart = k + 1;
        }
        if (triple ? text.slice(k, k + 3) === quote.repeat(3) : c === quote) {
          k += triple ? 3 : 1;
          break;
        }
        k++;
      }
      cur.code += '""';
      i = k;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === ':') cur.colonAtDepth0 = true;
    else if (depth === 0 && ch === ',' && !cur.colonAtDepth0) cur.commaBeforeColon = true;
    // A number token (with its exponent sign); a decimal integer with leading zeros is Python 2 octal.
    if (/[0-9]/.test(ch) && (i === 0 || !/[\w.]/.test(text[i - 1]!))) {
      const m = /^[0-9][\w]*(?:\.[\w]*)?(?:(?<=[eE])[+-][\w]+)?/.exec(text.slice(i, i + 80));
      const tok = m ? m[0] : ch;
      if (/^0[0-9_]+$/.test(tok) && /[1-9]/.test(tok)) {
        problems.push(at(lineNo, i - lineStart + 1, tok.length, 'invalid syntax: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'));
      }
      cur.code += tok;
      i += tok.length;
      continue;
    }
    cur.code += ch;
    i++;
  }
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
