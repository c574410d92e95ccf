// The AWS model helpers: reading string configs the way ast.literal_eval does, resolving
// job_flow_overrides, key-path lookups and the downstream walk.
import { describe, expect, it } from 'vitest';
import type { Range } from '../src/engine/types.js';
import { downstreamTasks, lookupPath, parsePythonLiteral, resolveConfig, runsAfterFailure } from '../src/model/aws.js';
import { render } from '../src/model/values.js';
import { buildFileModel, taskLabel } from '../src/model/index.js';
import type { EffectiveArg, TaskModel, Value } from '../src/model/types.js';
import { PythonParser } from '../src/parse/parser.js';
import { grammarPath } from '../src/grammar.js';

const LOC: Range = { line: 3, column: 5, endLine: 3, endColumn: 40 };

function parsed(text: string): unknown {
  const v = parsePythonLiteral(text, LOC);
  return v && v.k === 'known' ? render(v.py) : null;
}

describe('parsePythonLiteral', () => {
  it('reads dicts, lists, tuples, strings, numbers, booleans and None', () => {
    expect(parsed(`{"Name": 'x', "Count": 2, "Ratio": 0.5, "Neg": -3, "On": True, "Off": False, "Nothing": None}`)).toEqual({
      Name: 'x',
      Count: 2,
      Ratio: 0.5,
      Neg: -3,
      On: true,
      Off: false,
      Nothing: null,
    });
    expect(parsed(`[1, (2, 3), ("a"), {"k": [ ]},]`)).toEqual([1, [2, 3], 'a', { k: [] }]);
    expect(parsed(`{'a': 'one' "two", 'b': """tri\nple"""}`)).toEqual({ a: 'onetwo', b: 'tri\nple' });
    expect(parsed(`{"esc": "a\\"b\\\\c\\n"}`)).toEqual({ esc: 'a"b\\c\n' });
    expect(parsed(`{"k": 1, "k": 2}`)).toEqual({ k: 2 });
    expect(parsed(`  {"big": 1_000}  `)).toEqual({ big: 1000 });
  });

  it('rejects what ast.literal_eval rejects (JSON true/false/null, names, calls) and unsupported escapes', () => {
    expect(parsed(`{"a": true}`)).toBeNull();
    expect(parsed(`{"a": null}`)).toBeNull();
    expect(parsed(`{"a": os.environ}`)).toBeNull();
    expect(parsed(`{"a": f(1)}`)).toBeNull();
    expect(parsed(`{"a": 1} extra`)).toBeNull();
    expect(parsed(`{"a": "\\x41"}`)).toBeNull();
    expect(parsed(`{1: "int key"}`)).toBeNull();
    expect(parsed(`{"unterminated": "x}`)).toBeNull();
    expect(parsed('['.repeat(100) + ']'.repeat(100))).toBeNull();
  });

  it('points every value at the string literal it came from', () => {
    const v = parsePythonLiteral(`{"Instances": {"KeepJobFlowAliveWhenNoSteps": True}}`, LOC)!;
    const l = lookupPath(v, ['Instances', 'KeepJobFlowAliveWhenNoSteps']);
    expect(l.state).toBe('found');
    if (l.state === 'found') expect(l.entry.loc).toEqual(LOC);
  });
});

describe('resolveConfig', () => {
  const known = (value: Value): EffectiveArg => ({ state: 'known', value: value as Extract<Value, { k: 'known' }>, source: 'task', loc: LOC });
  const str = (v: string): Value => ({ k: 'known', py: { t: 'str', v }, loc: LOC });

  it('resolves a literal string and leaves .json files, templates, unknowns and None alone', () => {
    expect(resolveConfig(known(str(`{"Name": "x"}`)))?.fromString).toBe(true);
    expect(resolveConfig(known(str('config/job_flow.json')))).toBeNull();
    expect(resolveConfig(known(str('{{ var.json.overrides }}')))).toBeNull();
    expect(resolveConfig(known(str('not a literal')))).toBeNull();
    expect(resolveConfig(known({ k: 'known', py: { t: 'none' }, loc: LOC }))).toBeNull();
    expect(resolveConfig({ state: 'unknown', reason: 'a function result' })).toBeNull();
    expect(resolveConfig({ state: 'absent' })).toBeNull();
  });

  it('lookups through open dicts are unknown, through closed dicts absent', () => {
    const open: Value = { k: 'known', py: { t: 'dict', entries: [], open: '**kwargs' }, loc: LOC };
    const closed: Value = { k: 'known', py: { t: 'dict', entries: [], open: null }, loc: LOC };
    expect(lookupPath(open, ['LogUri']).state).toBe('unknown');
    expect(lookupPath(closed, ['LogUri']).state).toBe('absent');
    expect(lookupPath({ k: 'unknown', reason: 'x', loc: null }, ['LogUri']).state).toBe('unknown');
  });
});

describe('graph helpers', () => {
  const parser = PythonParser.create(grammarPath());

  it('walks edges transitively and reads trigger rules', async () => {
    const src = [
      'import pendulum',
      'from airflow import DAG',
      'from airflow.operators.empty import EmptyOperator',
      'with DAG(dag_id="g", schedule=None, start_date=pendulum.datetime(2024, 1, 1, tz="UTC")):',
      '    a = EmptyOperator(task_id="a")',
      '    b = EmptyOperator(task_id="b")',
      '    c = EmptyOperator(task_id="c", trigger_rule="all_done")',
      '    d = EmptyOperator(task_id="d", trigger_rule="none_failed")',
      '    a >> b >> c',
      '    d >> a',
      '    a >> c',
    ].join('\n');
    const parsed = (await parser).parse(src);
    try {
      const dag = buildFileModel(parsed).dags[0]!;
      const byId = (id: string): TaskModel => dag.tasks.find((t) => taskLabel(t) === id)!;
      expect(downstreamTasks(dag, byId('a')).map(taskLabel)).toEqual(['b', 'c']);
      expect(downstreamTasks(dag, byId('d')).map(taskLabel)).toEqual(['a', 'b', 'c']);
      expect(downstreamTasks(dag, byId('c'))).toEqual([]);
      expect(runsAfterFailure(byId('a'))).toBe('no');
      expect(runsAfterFailure(byId('c'))).toBe('yes');
      expect(runsAfterFailure(byId('d'))).toBe('no');
    } finally {
      parsed.dispose();
    }
  });
});
