import { defineRule } from '../src/engine/rule.js';
import { leaves, taskLabel, type TaskModel } from '../src/model/index.js';
import { effectiveTriggerRule, FAILURE_MASKING_TRIGGER_RULES } from '../src/model/reliability.js';
import type { Range } from '../src/engine/types.js';

export default defineRule({
  id: 'failure-masking-leaf',
  category: 'alerting',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'Every leaf task runs whatever happens upstream (all_done, always...), so a failed run ends as success; no one_failed watcher.',
  messages: {
    masking: 'every final task of this DAG runs even when upstream tasks fail ({leaves}), so a run with failed tasks is marked successful and the DAG failure callback never fires',
  },
  create(ctx) {
    return {
      dag(dag) {
        if (dag.incomplete.length > 0 || dag.edges.length === 0 || dag.tasks.some((t) => t.repeated)) return;
        const hasUpstream = new Set(dag.edges.map((e) => e.to));
        const masking: { task: TaskModel; rule: string; at: Range }[] = [];
        // Leaves without upstream tasks (isolated tasks) neither mask nor report the others' failures.
        // Teardown tasks do not decide a run's state (unless on_failure_fail_dagrun), so they are skipped.
        for (const leaf of leaves(dag, { ignoreTeardowns: true })) {
          if (!hasUpstream.has(leaf)) continue;
          const tr = effectiveTriggerRule(leaf);
          if (!tr || !FAILURE_MASKING_TRIGGER_RULES.has(tr.rule)) return;
          masking.push({ task: leaf, rule: tr.rule, at: tr.eff.state === 'known' && tr.eff.source !== 'dag' ? tr.eff.loc : leaf.loc });
        }
        const first = masking[0];
        if (!first) return;
        ctx.report({
          at: first.at,
          messageId: 'masking',
          data: { leaves: masking.map((m) => `"${taskLabel(m.task)}": ${m.rule}`).join(', ') },
          dag,
          task: first.task,
          help: 'add a watcher task downstream of every task with trigger_rule="one_failed" that raises, or keep one leaf on all_success',
          related: masking.slice(1).map((m) => ({ line: m.at.line, column: m.at.column, message: `"${taskLabel(m.task)}" has trigger_rule ${m.rule}` })),
        });
      },
    };
  },
});
