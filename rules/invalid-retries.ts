import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, effectiveArg, pyTypeName, type EffectiveArg, type TaskModel } from '../src/model/index.js';
import { ByLocation, durationSeconds, rejectedDurationType, taskNames } from '../src/model/reliability.js';

/** Python's `int("...")`: optional sign, ASCII digits with single underscores between them, surrounding spaces. */
const INT_STRING = /^\s*[-+]?\d+(_\d+)*\s*$/;

type Problem = { messageId: 'negative' | 'notInt' | 'fraction' | 'delayType' | 'delayNone' | 'maxBelow'; data: Record<string, string | number> };

export default defineRule({
  id: 'invalid-retries',
  category: 'retries',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'retries that is negative or not an integer, a retry_delay/max_retry_delay Airflow cannot read, or max_retry_delay below retry_delay.',
  messages: {
    negative: 'retries={value}{where}: a negative count means the task is never retried',
    notInt: 'retries is a {type}{where}; Airflow raises "\'retries\' type must be int" when it builds the task',
    fraction: 'retries={value}{where} is not an integer; Airflow truncates it to {count}',
    delayType: '{arg} is a {type}{where}; Airflow takes a timedelta or a number of seconds and raises a TypeError for this',
    delayNone: 'retry_delay=None{where}; Airflow 2 raises a TypeError (use a timedelta or leave it out for the 300 s default)',
    maxBelow: 'max_retry_delay ({max} s) is below retry_delay ({delay} s){where}, so every retry waits at most {max} s',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    const found = new ByLocation<Problem>();
    const retriesProblem = (eff: EffectiveArg & { state: 'known' }): Problem | null => {
      const py = eff.value.py;
      if (py.t === 'int') return py.v < 0 ? { messageId: 'negative', data: { value: py.v } } : null;
      if (py.t === 'float') {
        if (Number.isInteger(py.v)) return py.v < 0 ? { messageId: 'negative', data: { value: py.v } } : null;
        return { messageId: 'fraction', data: { value: py.v, count: Math.trunc(py.v) } };
      }
      if (py.t === 'str') {
        if (!INT_STRING.test(py.v)) return /^[\x20-\x7e]*$/.test(py.v) ? { messageId: 'notInt', data: { type: 'str' } } : null;
        const n = parseInt(py.v.replace(/_/g, ''), 10);
        return n < 0 ? { messageId: 'negative', data: { value: JSON.stringify(py.v) } } : null;
      }
      if (py.t === 'list' || py.t === 'dict' || py.t === 'timedelta' || py.t === 'datetime') return { messageId: 'notInt', data: { type: pyTypeName(py) } };
      return null;
    };
    const delayProblem = (arg: string, eff: EffectiveArg & { state: 'known' }): Problem | null => {
      const py = eff.value.py;
      if (rejectedDurationType(py)) return { messageId: 'delayType', data: { arg, type: pyTypeName(py) } };
      if (py.t === 'none' && arg === 'retry_delay' && major === 2) return { messageId: 'delayNone', data: {} };
      return null;
    };
    const check = (task: TaskModel): void => {
      const retries = effectiveArg(task, 'retries');
      if (retries.state === 'known') {
        const p = retriesProblem(retries);
        if (p) found.add(retries.loc, task, p);
      }
      const seconds: Record<string, number | undefined> = {};
      for (const arg of ['retry_delay', 'max_retry_delay']) {
        const eff = effectiveArg(task, arg);
        if (eff.state !== 'known') continue;
        const p = delayProblem(arg, eff);
        if (p) found.add(eff.loc, task, p);
        seconds[arg] = durationSeconds(eff.value.py);
      }
      const delay = seconds['retry_delay'];
      const max = seconds['max_retry_delay'];
      const maxEff = effectiveArg(task, 'max_retry_delay');
      if (delay !== undefined && max !== undefined && max > 0 && max < delay && maxEff.state === 'known') {
        found.add(maxEff.loc, task, { messageId: 'maxBelow', data: { max, delay } });
      }
    };
    return {
      task: check,
      end() {
        for (const { at, first, tasks } of found.entries()) {
          const where = tasks.length > 1 ? ` (tasks ${taskNames(tasks)})` : '';
          ctx.report({ at, messageId: first.messageId, data: { ...first.data, where }, task: tasks.length === 1 ? tasks[0]! : null });
        }
      },
    };
  },
});
