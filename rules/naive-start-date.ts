import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, type DagModel, type TaskModel, type Value } from '../src/model/index.js';
import { dagDefault } from '../src/model/schedule.js';
import type { Range } from '../src/engine/types.js';

const DATES = ['start_date', 'end_date'] as const;

const naive = (v: Value | undefined): boolean => v?.k === 'known' && v.py.t === 'datetime' && v.py.tz === null;

export default defineRule({
  id: 'naive-start-date',
  category: 'schedule',
  severity: 'info',
  recommended: false,
  fixable: false,
  summary: 'A datetime(...) start_date or end_date without tzinfo, read in the deployment default time zone.',
  messages: {
    naive: '{arg} is a naive datetime: Airflow reads it in [core] default_timezone (UTC unless configured); give it a time zone',
  },
  create(ctx) {
    const seen = new Set<string>();
    const help = 'use pendulum.datetime(2024, 1, 1, tz="Europe/Amsterdam") or datetime(..., tzinfo=...) so the date does not depend on the deployment';
    const report = (at: Range, arg: string, dag: DagModel | null, task: TaskModel | null): void => {
      const k = `${at.line}:${at.column}`;
      if (seen.has(k)) return;
      seen.add(k);
      ctx.report({ at, messageId: 'naive', data: { arg }, dag, task, help });
    };
    return {
      dag(dag) {
        for (const arg of DATES) {
          const slot = dag.args.kwargs.get(arg);
          if (slot && naive(slot.value)) report(slot.loc, arg, dag, null);
          const d = dagDefault(dag, arg);
          if (d.state === 'found' && d.entry.loc && naive(d.entry.value)) report(d.entry.loc, arg, dag, null);
        }
      },
      task(task) {
        for (const arg of DATES) {
          const eff = effectiveArg(task, arg);
          if (eff.state === 'known' && naive(eff.value)) report(eff.loc, arg, task.dag, eff.source === 'dag-default-args' ? null : task);
        }
      },
    };
  },
});
