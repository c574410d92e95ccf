import { defineRule } from '../src/engine/rule.js';
import { dagArg, effectiveArg, NO_OP_OPERATORS, type TaskModel } from '../src/model/index.js';
import { callbackState, effectiveTriggerRule, effectiveTruthy, FAILURE_REACTION_TRIGGER_RULES, taskNames } from '../src/model/reliability.js';

type Coverage = 'covered' | 'uncovered' | 'unknown' | 'reaction';

/** How one task reports its own failure: a callback, an email, or a trigger rule that reacts to failures. */
function taskCoverage(task: TaskModel): Coverage {
  const tr = effectiveTriggerRule(task);
  if (!tr) return 'unknown';
  if (FAILURE_REACTION_TRIGGER_RULES.has(tr.rule)) return 'reaction';
  const cb = callbackState(effectiveArg(task, 'on_failure_callback'));
  if (cb === 'set') return 'covered';
  if (cb === 'unknown') return 'unknown';
  const email = effectiveTruthy(effectiveArg(task, 'email'));
  if (email === undefined) return 'unknown';
  if (email === true) {
    // [email] default_email_on_failure is True.
    const on = effectiveTruthy(effectiveArg(task, 'email_on_failure'));
    if (on === undefined) return 'unknown';
    if (on !== false) return 'covered';
  }
  return 'uncovered';
}

export default defineRule({
  id: 'missing-failure-alert',
  category: 'alerting',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'A DAG with no failure notification path: no on_failure_callback on the DAG or on every task, and no email on failure.',
  messages: {
    none: 'DAG has no failure alert: no on_failure_callback on the DAG, and no task has an on_failure_callback or an email with email_on_failure',
    partial: 'DAG has no on_failure_callback, and {count} of its {total} tasks have no on_failure_callback or email on failure: {tasks}',
  },
  create(ctx) {
    const help = 'add on_failure_callback to the DAG (a function or a notifier such as SnsNotifier or SlackNotifier), or to default_args for every task';
    return {
      dag(dag) {
        if (dag.incomplete.length > 0 || dag.tasks.length === 0) return;
        if (callbackState(dagArg(dag, 'on_failure_callback')) !== 'none') return;
        const uncovered: TaskModel[] = [];
        let total = 0;
        for (const task of dag.tasks) {
          if (NO_OP_OPERATORS.has(task.operator)) continue;
          total++;
          const c = taskCoverage(task);
          if (c === 'unknown' || c === 'reaction') return;
          if (c === 'uncovered') uncovered.push(task);
        }
        if (uncovered.length === 0) return;
        if (uncovered.length === total) ctx.report({ at: dag.loc, messageId: 'none', dag, help });
        else ctx.report({ at: dag.loc, messageId: 'partial', data: { count: uncovered.length, total, tasks: taskNames(uncovered) }, dag, help });
      },
    };
  },
});
