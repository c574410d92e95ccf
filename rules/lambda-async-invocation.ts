import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, taskLabel } from '../src/model/index.js';
import { argumentPlace, LAMBDA_INVOKE, operatorClass } from '../src/model/aws.js';

export default defineRule({
  id: 'lambda-async-invocation',
  category: 'aws',
  severity: 'info',
  recommended: true,
  fixable: false,
  summary: 'LambdaInvokeFunctionOperator with invocation_type="Event": the task succeeds once Lambda accepts the event, not when the function succeeds.',
  messages: {
    event: 'task "{task}" invokes its Lambda function asynchronously (invocation_type="Event"): task success only means Lambda accepted the event',
  },
  create(ctx) {
    return {
      task(task) {
        if (operatorClass(task) !== LAMBDA_INVOKE) return;
        const eff = effectiveArg(task, 'invocation_type');
        if (eff.state !== 'known' || eff.value.py.t !== 'str' || eff.value.py.v !== 'Event') return;
        const place = argumentPlace(task, eff, 'invocation_type="Event"');
        ctx.report({
          at: place.at,
          messageId: 'event',
          data: { task: taskLabel(task) },
          task,
          help: 'use the default RequestResponse invocation when downstream tasks depend on the function, or give the function a failure destination',
          related: place.related,
        });
      },
    };
  },
});
