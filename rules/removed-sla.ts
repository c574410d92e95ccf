import type { Range } from '../src/engine/types.js';
import { defineRule } from '../src/engine/rule.js';
import { airflowMajor, type DagModel, type TaskModel, type Value } from '../src/model/index.js';

export default defineRule({
  id: 'removed-sla',
  category: 'alerting',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'sla= on a task or in default_args, or sla_miss_callback= on a DAG: the SLA feature is removed in Airflow 3.0.',
  messages: {
    sla: '{arg} {where}: the SLA feature is removed in Airflow 3.0{tail}',
  },
  create(ctx) {
    const major = airflowMajor(ctx.file.airflowVersion);
    const tail = major !== null && major >= 3 ? ', so this value is ignored and no SLA miss is ever detected' : ' (it still works in Airflow 2)';
    const severity = major !== null && major >= 3 ? 'error' : 'warning';
    const seen = new Set<string>();
    const report = (at: Range, arg: string, where: string, dag: DagModel | null, task: TaskModel | null): void => {
      const key = `${at.line}:${at.column}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report({
        at,
        messageId: 'sla',
        data: { arg, where, tail },
        dag,
        task,
        severity,
        help: 'remove it; Airflow 3 replaces SLAs with Deadline Alerts (3.1+). Meanwhile an execution_timeout or dagrun_timeout with a failure callback catches late work',
      });
    };
    /** Reports an `sla` entry of a known default_args dict (a value of None sets nothing). */
    const inDefaultArgs = (v: Value | null | undefined, where: string, dag: DagModel | null): void => {
      if (v?.k !== 'known' || v.py.t !== 'dict') return;
      for (const e of v.py.entries) if (e.key === 'sla' && e.loc && !(e.value.k === 'known' && e.value.py.t === 'none')) report(e.loc, '"sla"', where, dag, null);
    };
    const setValue = (v: Value): boolean => v.k === 'known' && v.py.t !== 'none';
    return {
      dag(dag) {
        const cb = dag.args.kwargs.get('sla_miss_callback');
        if (cb && setValue(cb.value)) report(cb.loc, 'sla_miss_callback=', 'on the DAG', dag, null);
        inDefaultArgs(dag.args.kwargs.get('default_args')?.value, 'in default_args', dag);
        for (const g of dag.groups) inDefaultArgs(g.defaultArgs, "in the task group's default_args", dag);
      },
      task(task) {
        const slot = task.args.kwargs.get('sla');
        if (slot && setValue(slot.value)) report(slot.loc, 'sla=', 'on the task', task.dag, task);
        inDefaultArgs(task.ownDefaultArgs, "in the operator's default_args", task.dag);
        if (task.dag) inDefaultArgs(task.dagDefaultArgs, 'in default_args', task.dag);
      },
    };
  },
});
