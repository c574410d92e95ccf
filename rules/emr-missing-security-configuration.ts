import { defineRule } from '../src/engine/rule.js';
import { taskLabel } from '../src/model/index.js';
import { definedRelated, emrOverrides, lookupPath } from '../src/model/aws.js';

export default defineRule({
  id: 'emr-missing-security-configuration',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'An EMR cluster created from job_flow_overrides that name no SecurityConfiguration, so it gets no at-rest or in-transit encryption.',
  messages: {
    missing:
      'task "{task}" creates an EMR cluster whose job_flow_overrides set no SecurityConfiguration: no at-rest or in-transit encryption is configured',
  },
  create(ctx) {
    return {
      task(task) {
        const cfg = emrOverrides(task);
        if (!cfg || lookupPath(cfg.dict, ['SecurityConfiguration']).state !== 'absent') return;
        ctx.report({
          at: cfg.carrier,
          messageId: 'missing',
          data: { task: taskLabel(task) },
          task,
          help: 'create an EMR security configuration (S3, local-disk and in-transit encryption) and name it in "SecurityConfiguration"',
          related: definedRelated(cfg),
        });
      },
    };
  },
});
