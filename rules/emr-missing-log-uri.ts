import { defineRule } from '../src/engine/rule.js';
import { taskLabel } from '../src/model/index.js';
import { definedRelated, emrOverrides, lookupPath } from '../src/model/aws.js';

export default defineRule({
  id: 'emr-missing-log-uri',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'An EMR cluster created from job_flow_overrides without LogUri, so EMR writes no logs to S3.',
  messages: {
    missing: 'task "{task}" creates an EMR cluster whose job_flow_overrides set no LogUri: EMR does not archive its logs to S3',
  },
  create(ctx) {
    return {
      task(task) {
        const cfg = emrOverrides(task);
        if (!cfg || lookupPath(cfg.dict, ['LogUri']).state !== 'absent') return;
        ctx.report({
          at: cfg.carrier,
          messageId: 'missing',
          data: { task: taskLabel(task) },
          task,
          help: 'set "LogUri": "s3://<bucket>/emr-logs/" so failed steps can be debugged after the cluster is gone',
          related: definedRelated(cfg),
        });
      },
    };
  },
});
