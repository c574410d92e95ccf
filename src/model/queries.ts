// Small questions rules ask of the model, kept here so rules stay declarative.
import type { BranchPath, TaskModel, Value } from './types.js';

/** True when two places sit in different arms of the same if/try/match: they never both run. */
export function exclusive(a: BranchPath, b: BranchPath): boolean {
  for (const x of a) for (const y of b) if (x.stmt === y.stmt && x.arm !== y.arm) return true;
  return false;
}

/** A task's id for messages, or a placeholder naming where it is. */
export function taskLabel(t: TaskModel): string {
  return t.taskId.k === 'known' && t.taskId.py.t === 'str' ? t.taskId.py.v : `<task at line ${t.loc.line}>`;
}

/** Python's `int(x)` as Airflow's `parse_retries` applies it: ints, bools, None (0) and numeric strings. */
export function asRetryCount(v: Value): number | 'invalid' | undefined {
  if (v.k !== 'known') return undefined;
  const py = v.py;
  if (py.t === 'none') return 0;
  if (py.t === 'int') return py.v;
  if (py.t === 'bool') return py.v ? 1 : 0;
  if (py.t === 'str') return /^\s*[-+]?\d+\s*$/.test(py.v) ? parseInt(py.v, 10) : 'invalid';
  return 'invalid';
}

/** Operators that run nothing, so retrying them means nothing. */
export const NO_OP_OPERATORS = new Set([
  'airflow.operators.empty.EmptyOperator',
  'airflow.providers.standard.operators.empty.EmptyOperator',
  'airflow.operators.dummy.DummyOperator',
  'airflow.operators.dummy_operator.DummyOperator',
  'airflow.operators.dummy.EmptyOperator',
]);

/** The Airflow major version from a version string ("2.10" → 2), or null. */
export function airflowMajor(version: string | null): number | null {
  const m = version ? /^(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : null;
}
