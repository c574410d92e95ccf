import { defineRule } from '../src/engine/rule.js';
import { taskLabel, type TaskModel } from '../src/model/index.js';
import { NO_OP_OPERATORS } from '../src/model/queries.js';
import { downstreamTasks, EMR_TERMINATE_JOB_FLOW, emrOverrides, entryRelated, lookupPath, operatorClass, runsAfterFailure } from '../src/model/aws.js';

/**
 * A downstream task that may terminate the cluster after a failure: an EmrTerminateJobFlowOperator, or
 * task code airlint cannot see into (TaskFlow, Python/Bash operators, classes it does not know), whose
 * trigger rule lets it run after an upstream failure. 'unknown' when the trigger rule cannot be known.
 */
function terminatesOnFailure(t: TaskModel): boolean | 'unknown' {
  const cls = operatorClass(t);
  const isTerminator = cls === EMR_TERMINATE_JOB_FLOW;
  const opaque = !isTerminator && !NO_OP_OPERATORS.has(t.operator) && (cls === undefined || !cls.startsWith('airflow.providers.amazon.'));
  if (!isTerminator && !opaque) return false;
  const runs = runsAfterFailure(t);
  return runs === 'unknown' ? 'unknown' : runs === 'yes';
}

export default defineRule({
  id: 'emr-cluster-never-terminates',
  category: 'aws',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'An EMR cluster kept alive after its steps (KeepJobFlowAliveWhenNoSteps) with no AutoTerminationPolicy and no EmrTerminateJobFlowOperator that runs even on failure.',
  messages: {
    noTerminate:
      'task "{task}" creates an EMR cluster that stays up after its steps (KeepJobFlowAliveWhenNoSteps=True) without an AutoTerminationPolicy, and no EmrTerminateJobFlowOperator downstream runs after a failure: a failed run leaves the cluster running',
  },
  create(ctx) {
    return {
      task(task) {
        const cfg = emrOverrides(task);
        const dag = task.dag;
        if (!cfg || !dag || dag.incomplete.length > 0) return;
        const keep = lookupPath(cfg.dict, ['Instances', 'KeepJobFlowAliveWhenNoSteps']);
        if (keep.state !== 'found' || keep.entry.value.k !== 'known' || keep.entry.value.py.t !== 'bool' || !keep.entry.value.py.v) return;
        if (lookupPath(cfg.dict, ['AutoTerminationPolicy']).state !== 'absent') return;
        const related = entryRelated(keep.entry, 'KeepJobFlowAliveWhenNoSteps=True set here');
        // A teardown (as_teardown(), @teardown) gets trigger_rule all_done_setup_success from the
        // model, so it counts as running after a failure like an all_done terminate task.
        for (const down of downstreamTasks(dag, task)) {
          const t = terminatesOnFailure(down);
          if (t !== false) return;
          if (operatorClass(down) === EMR_TERMINATE_JOB_FLOW)
            related.push({ line: down.loc.line, column: down.loc.column, message: `"${taskLabel(down)}" terminates the cluster only when its upstream tasks succeed` });
        }
        ctx.report({
          at: cfg.carrier,
          messageId: 'noTerminate',
          data: { task: taskLabel(task) },
          dag,
          task,
          help: 'add an AutoTerminationPolicy ({"IdleTimeout": 3600}), or an EmrTerminateJobFlowOperator downstream with trigger_rule="all_done" (or as a teardown)',
          related,
        });
      },
    };
  },
});
