// The engine on its own: syntax listeners in the one traversal, listener order, crash isolation,
// sorting and de-duplication, suppression scopes.
import { describe, expect, it } from 'vitest';
import { defineRule, type AnyRule } from '../src/engine/rule.js';
import { Linter } from '../src/index.js';
import type { LintSettings } from '../src/engine/lint.js';

const SOURCE = `from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG("d", schedule=None) as dag:
    a = BashOperator(task_id="a", bash_command="echo 'x'")
    b = BashOperator(task_id="b", bash_command="echo 'y'")
    a >> b
`;

function settings(rules: AnyRule[]): LintSettings {
  return { rules: new Map(rules.map((r) => [r.id, { severity: r.severity, options: {} }])), airflowVersion: null };
}

const strings = defineRule({
  id: 'test-strings',
  category: 'structure',
  severity: 'info',
  recommended: false,
  fixable: false,
  summary: 'reports every string literal (test rule)',
  messages: { s: 'string {text}' },
  create(ctx) {
    return {
      syntax: {
        string(node) {
          ctx.report({ at: { line: node.startPosition.row + 1, column: node.startPosition.column + 1, endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1 }, messageId: 's', data: { text: node.text } });
        },
      },
    };
  },
});

const order = defineRule({
  id: 'test-order',
  category: 'structure',
  severity: 'info',
  recommended: false,
  fixable: false,
  summary: 'records listener order (test rule)',
  messages: { seen: '{what}' },
  create(ctx) {
    const seen: string[] = [];
    const at = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    return {
      file: () => seen.push('file'),
      dag: () => seen.push('dag'),
      task: (t) => seen.push(`task:${t.taskId.k === 'known' && t.taskId.py.t === 'str' ? t.taskId.py.v : '?'}`),
      edge: () => seen.push('edge'),
      end: () => {
        seen.push('end');
        ctx.report({ at, messageId: 'seen', data: { what: seen.join(',') } });
        ctx.report({ at, messageId: 'seen', data: { what: seen.join(',') } }); // a duplicate: dropped
      },
    };
  },
});

const crash = defineRule({
  id: 'test-crash',
  category: 'structure',
  severity: 'error',
  recommended: false,
  fixable: false,
  summary: 'throws on tasks (test rule)',
  messages: { never: 'never' },
  create() {
    return {
      task() {
        throw new Error('boom');
      },
    };
  },
});

describe('engine', () => {
  it('calls syntax listeners for every node of the type, in one traversal', async () => {
    const l = await Linter.create([strings]);
    const r = l.lintText(SOURCE, 'x.py', settings([strings]));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['string "d"', 'string "a"', `string "echo 'x'"`, 'string "b"', `string "echo 'y'"`]);
    expect(r.diagnostics[0]).toMatchObject({ line: 4, column: 10, endLine: 4, endColumn: 13, severity: 'info', rule: 'test-strings' });
  });

  it('dispatches file, dag, tasks, edges, end in order and drops duplicate findings', async () => {
    const l = await Linter.create([order]);
    const r = l.lintText(SOURCE, 'x.py', settings([order]));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['file,dag,task:a,task:b,edge,end']);
  });

  it('contains a crashing rule: the error names it, other rules still report', async () => {
    const l = await Linter.create([crash, strings]);
    const r = l.lintText(SOURCE, 'x.py', settings([crash, strings]));
    expect(r.internalErrors).toHaveLength(1);
    expect(r.internalErrors[0]).toMatchObject({ path: 'x.py', rule: 'test-crash' });
    expect(r.internalErrors[0]!.message).toContain('boom');
    expect(r.diagnostics.length).toBe(5);
  });

  it('skips model rules on files that do not parse, and sorts by line and column', async () => {
    const l = await Linter.create([strings]);
    const r = l.lintText('x = "a"\nif (:\n', 'x.py', settings([strings]));
    expect(r.diagnostics).toEqual([]);
    expect(r.dags).toBe(0);
  });

  it('applies line, next-statement and file suppressions', async () => {
    const l = await Linter.create([strings]);
    const text = [
      'x = "one"  # airlint: ignore[test-strings]',
      '# airlint: ignore[test-strings] -- the whole call below',
      'y = f(',
      '    "two",',
      '    "three",',
      ')',
      'z = "four"',
    ].join('\n');
    const r = l.lintText(text, 'x.py', settings([strings]));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['string "four"']);
    expect(r.suppressed).toBe(3);
    const file = l.lintText(`# airlint: ignore-file[test-strings]\n${text}`, 'x.py', settings([strings]));
    expect(file.diagnostics).toEqual([]);
  });
});

describe('secrets across rules', () => {
  const secretRule = defineRule({
    id: 'test-secret',
    category: 'security',
    severity: 'error',
    recommended: false,
    fixable: false,
    summary: 'reports the literal "hunter22-horse" as a secret (test rule)',
    messages: { s: 'secret' },
    create(ctx) {
      return {
        syntax: {
          string(node) {
            if (!node.text.includes('hunter22')) return;
            const at = { line: node.startPosition.row + 1, column: node.startPosition.column + 1, endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1 };
            ctx.report({ at, messageId: 's', secrets: [at] });
          },
        },
      };
    },
  });

  it('a secret one rule finds is masked in every finding on its line', async () => {
    const l = await Linter.create([secretRule, strings]);
    const text = 'x = f("hunter22-horse")\n';
    const r = l.lintText(text, 'x.py', settings([secretRule, strings]));
    const other = r.diagnostics.find((d) => d.rule === 'test-strings')!;
    expect(other.secrets).toHaveLength(1);
    const { formatResults } = await import('../src/report/index.js');
    const out = formatResults('text', { diagnostics: r.diagnostics, sources: new Map([['x.py', text]]), summary: { files: 1, dags: 0, tasks: 0, suppressed: 0 }, toolVersion: 'x' }, { color: false });
    expect(out.split('\n').filter((line) => line.includes('hunter22-horse') && !line.includes('string "'))).toEqual([]);
  });
});
