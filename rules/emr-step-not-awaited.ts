import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, taskLabel } from '../src/model/index.js';
import { effectiveTruthy } from '../src/model/reliability.js';
import { downstreamTasks, EMR_ADD_STEPS, mayAwaitEmrSteps, operatorClass } from '../src/model/aws.js';

export default defineRule({
  id: 'emr-step-not-awaited',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'EmrAddStepsOperator that neither waits for its steps (wait_for_completion, deferrable) nor has an EmrStepSensor downstream.',
  messages: {
    notAwaited:
      'task "{task}" only submits its EMR steps: it does not wait for them (wait_for_completion=False, not deferrable) and no EmrStepSensor runs downstream, so a failed step leaves the DAG run green',
  },
  create(ctx) {
    return {
      task(task) {
        if (operatorClass(task) !== EMR_ADD_STEPS || !task.dag || task.dag.incomplete.length > 0) return;
        const waitEff = effectiveArg(task, 'wait_for_completion');
        const wait = effectiveTruthy(waitEff);
        const defer = effectiveTruthy(effectiveArg(task, 'deferrable'));
        // Absent: wait_for_completion=False (EmrAddStepsOperator) and deferrable=[operators] default_deferrable (False).
        if (wait === undefined || defer === undefined || wait === true || defer === true) return;
        if (downstreamTasks(task.dag, task).some(mayAwaitEmrSteps)) return;
        const onTask = waitEff.state === 'known' && (waitEff.source === 'task' || waitEff.source === 'partial');
        ctx.report({
          at: onTask ? waitEff.loc : task.loc,
          messageId: 'notAwaited',
          data: { task: taskLabel(task) },
          dag: task.dag,
          task,
          help: 'pass wait_for_completion=True (or deferrable=True), or add an EmrStepSensor on the returned step id downstream of this task',
        });
      },
    };
  },
});
