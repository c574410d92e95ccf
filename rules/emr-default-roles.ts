import { defineRule } from '../src/engine/rule.js';
import { taskLabel } from '../src/model/index.js';
import { emrOverrides, entryRelated, strAt } from '../src/model/aws.js';

/** The EMR default roles whose managed policies are deprecated (EMR Management Guide, IAM service roles). */
const DEPRECATED_DEFAULTS: readonly { key: string; role: string; instead: string }[] = [
  { key: 'JobFlowRole', role: 'EMR_EC2_DefaultRole', instead: 'an instance profile of your own with least-privilege S3 and KMS access' },
  { key: 'ServiceRole', role: 'EMR_DefaultRole', instead: 'EMR_DefaultRole_V2 (AmazonEMRServicePolicy_v2) or a role of your own' },
];

export default defineRule({
  id: 'emr-default-roles',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'job_flow_overrides that use the EMR default roles EMR_EC2_DefaultRole or EMR_DefaultRole.',
  messages: {
    defaultRole: 'task "{task}" creates an EMR cluster with {key}="{role}", a default role whose managed policy is deprecated and broad',
  },
  create(ctx) {
    return {
      task(task) {
        const cfg = emrOverrides(task);
        if (!cfg) return;
        for (const d of DEPRECATED_DEFAULTS) {
          const found = strAt(cfg.dict, [d.key]);
          if (!found || found === 'unknown' || found.value !== d.role) continue;
          ctx.report({
            at: cfg.carrier,
            messageId: 'defaultRole',
            data: { task: taskLabel(task), key: d.key, role: d.role },
            task,
            help: `use ${d.instead}`,
            related: entryRelated(found.entry, `${d.key} set here`),
          });
        }
      },
    };
  },
});
