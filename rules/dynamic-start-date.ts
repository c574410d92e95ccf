import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, taskLabel, type DagModel, type TaskModel, type Value } from '../src/model/index.js';
import { dagDefault } from '../src/model/schedule.js';
import type { Range } from '../src/engine/types.js';

const DATES = ['start_date', 'end_date'] as const;

export default defineRule({
  id: 'dynamic-start-date',
  category: 'schedule',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'start_date or end_date computed from the clock at parse time (datetime.now(), days_ago(), ...), so it moves on every parse.',
  messages: {
    dag: '{arg} is computed from the clock when the file is parsed, so it changes on every parse; use a fixed date',
    defaultArgs: '{arg} in default_args is computed from the clock when the file is parsed, so it changes on every parse; use a fixed date',
    task: '{arg} of task "{task}" is computed from the clock when the file is parsed, so it changes on every parse; use a fixed date',
  },
  create(ctx) {
    const seen = new Set<string>();
    const key = (r: Range): string => `${r.line}:${r.column}`;
    const help = 'use a fixed date such as pendulum.datetime(2024, 1, 1, tz="UTC"); with a moving start_date the scheduler may never create a run, or creates runs for the wrong intervals';
    const related = (v: Value, at: Range): { line: number; column: number; message: string }[] =>
      v.loc && v.loc.line !== at.line ? [{ line: v.loc.line, column: v.loc.column, message: 'the clock is read here' }] : [];
    const report = (at: Range, message: { messageId: 'dag' | 'defaultArgs' | 'task' }, arg: string, dag: DagModel | null, task: TaskModel | null, v: Value | null): void => {
      if (seen.has(key(at))) return;
      seen.add(key(at));
      ctx.report({ at, ...message, data: { arg, ...(task ? { task: taskLabel(task) } : {}) }, dag, task, help, related: v ? related(v, at) : [] });
    };
    return {
      dag(dag) {
        for (const arg of DATES) {
          const slot = dag.args.kwargs.get(arg);
          if (slot?.value.k === 'unknown' && slot.value.clock) report(slot.loc, { messageId: 'dag' }, arg, dag, null, slot.value);
          const d = dagDefault(dag, arg);
          if (d.state === 'found' && d.entry.value.k === 'unknown' && d.entry.value.clock && d.entry.loc) report(d.entry.loc, { messageId: 'defaultArgs' }, arg, dag, null, d.entry.value);
        }
      },
      task(task) {
        for (const arg of DATES) {
          const eff = effectiveArg(task, arg);
          if (eff.state !== 'unknown' || !eff.clock || !eff.loc) continue;
          if (eff.source === 'dag-default-args') report(eff.loc, { messageId: 'defaultArgs' }, arg, task.dag, null, null);
          else report(eff.loc, eff.source === 'task' || eff.source === 'decorator' || eff.source === 'partial' ? { messageId: 'task' } : { messageId: 'defaultArgs' }, arg, task.dag, task, task.args.kwargs.get(arg)?.value ?? null);
        }
      },
    };
  },
});
