// Incremental reparsing (the language server keeps each document's tree): after any edit, the tree
// must be the one a fresh parse gives.
import { describe, expect, it } from 'vitest';
import { grammarPath } from '../src/grammar.js';
import { PythonParser, rangeOf, rangeWithText, textEdit } from '../src/parse/parser.js';

const BASE = `from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG("é_unicode_dag", schedule="@daily") as dag:
    a = BashOperator(task_id="a", bash_command="echo 'ü'")
    b = BashOperator(task_id="b", bash_command="echo")
    a >> b
`;

/** A deterministic pseudo-random sequence, so failures reproduce. */
function* random(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}

describe('incremental reparse', () => {
  it('computes the single edit between two texts in UTF-16 units', () => {
    expect(textEdit('ab\ncd', 'ab\nXcd')).toEqual({
      startIndex: 3, oldEndIndex: 3, newEndIndex: 4,
      startPosition: { row: 1, column: 0 }, oldEndPosition: { row: 1, column: 0 }, newEndPosition: { row: 1, column: 1 },
    });
    expect(textEdit('é = 1', 'é = 22')).toMatchObject({ startIndex: 4, oldEndIndex: 5, newEndIndex: 6 });
  });

  it('gives the same tree as a fresh parse after 300 random edits', async () => {
    const parser = await PythonParser.create(grammarPath());
    const rnd = random(42);
    const next = (): number => rnd.next().value as number;
    const pieces = ['x', ' ', '\n', '(', ')', '>>', '"', 'ü', '    ', 'task_id="c"', ',', ':', 'é', '#'];
    let text = BASE;
    let previous = parser.parse(text);
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(next() * (text.length + 1));
      const cut = Math.floor(next() * 4);
      const insert = next() < 0.7 ? pieces[Math.floor(next() * pieces.length)]! : '';
      text = text.slice(0, at) + insert + text.slice(at + cut);
      const incremental = parser.parse(text, previous);
      const fresh = parser.parse(text);
      expect(incremental.root.toString(), `after edit ${i}`).toBe(fresh.root.toString());
      expect(incremental.syntaxProblems()).toEqual(fresh.syntaxProblems());
      fresh.dispose();
      previous.dispose();
      previous = incremental;
    }
    previous.dispose();
  });
});

describe('line ends', () => {
  it('a lone CR ends a line, as in Python and editors: findings land on the line a user sees', async () => {
    const { Linter, defaultSettings } = await import('../src/index.js');
    const l = await Linter.create();
    const lf = 'from airflow import DAG\nfrom airflow.operators.bash import BashOperator\nwith DAG("cr", schedule=None):\n    BashOperator(task_id="a", bash_command="x")\n';
    const at = (text: string): string[] => l.lintText(text, 'cr.py', defaultSettings()).diagnostics.map((d) => `${d.rule}@${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    const expected = at(lf);
    expect(expected.some((d) => d.startsWith('missing-retries@4:5'))).toBe(true);
    expect(at(lf.replace(/\n/g, '\r'))).toEqual(expected);
    expect(at(lf.replace(/\n/g, '\r\n'))).toEqual(expected);
  });
});

describe('tabs and spaces', () => {
  // Each case as CPython 3.11 compiles it: TabError, or fine.
  const CASES: [string, boolean][] = [
    ['if True:\n\tif True:\n\t\tpass\n        x=1\n', true],
    ['if True:\n\tx=1\n        y=2\n', true],
    ['if True:\n        x=1\n\ty=2\n', true],
    ['if 1:\n  if 1:\n\tpass\n', true],
    ['if True:\n\tx = 1\n\ty = 2\n', false],
    ['if True:\n    \tx = 1\n', false],
    ['if True:\n\t    x = 1\n\t    y = 2\n', false],
    ['def f():\n\tif 1:\n\t\treturn 1\n\treturn 2\n', false],
  ];
  it.each(CASES)('%j: TabError %s', async (text, tabError) => {
    const parser = await PythonParser.create(grammarPath());
    const problems = parser.parse(text).syntaxProblems();
    expect(problems.some((p) => p.message.includes('TabError'))).toBe(tabError);
    if (!tabError) expect(problems).toEqual([]);
  });
});

describe('lexical pass: line numbers after multi-line strings', () => {
  // CPython: "IndentationError: expected an indented block after 'if' statement on line N" at line N + 1.
  it.each([
    ['x = r"""a\\\nb"""\nif True:\npass\n', 4],
    ['x = """a\\\nb"""\nif True:\npass\n', 4],
    ['x = rb"""a\\\nb\nc"""\nif True:\npass\n', 5],
  ])('%j: the problem is on line %i', async (text, line) => {
    const parser = await PythonParser.create(grammarPath());
    const problems = parser.parse(text).syntaxProblems();
    expect(problems[0]).toMatchObject({ line, message: expect.stringContaining(`expected an indented block after line ${line - 1}`) });
  });
});

describe("ranges from a node's text", () => {
  it('are the ranges tree-sitter gives, for one-line and multi-line strings, with text beyond ASCII', async () => {
    const parser = await PythonParser.create(grammarPath());
    const text = [BASE, 'x = """first é', 'second 🚀 line', '"""', 'y = f"a{b}c" "d"', "sql = '''", "SELECT 1'''", 'ünï = "🚀🚀"', ''].join('\n');
    const parsed = parser.parse(text);
    const nodes = parsed.root.descendantsOfType(['string', 'identifier', 'concatenated_string', 'call']).filter((n) => n !== null);
    expect(nodes.length).toBeGreaterThan(30);
    for (const n of nodes) expect(rangeWithText(n, n.text), n.text).toEqual(rangeOf(n));
    parsed.dispose();
  });
});
