import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, taskLabel } from '../src/model/index.js';
import { operatorFacts } from '../src/model/providers.js';
import { argumentPlace } from '../src/model/aws.js';

/** Canned ACLs that grant the AllUsers group access (S3 User Guide, "Canned ACL"). */
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write']);
const ACL_ARGS = ['acl_policy', 's3_acl_policy'];

export default defineRule({
  id: 's3-public-acl',
  category: 'aws',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'An S3 operator or transfer whose acl_policy / s3_acl_policy is public-read or public-read-write.',
  messages: {
    publicAcl: 'task "{task}" writes S3 objects with the canned ACL {arg}="{acl}", readable by anyone on the internet',
  },
  create(ctx) {
    return {
      task(task) {
        const facts = operatorFacts(task.operator);
        if (!facts) return;
        for (const arg of ACL_ARGS) {
          if (!facts.params.includes(arg)) continue;
          const eff = effectiveArg(task, arg);
          if (eff.state !== 'known' || eff.value.py.t !== 'str' || !PUBLIC_ACLS.has(eff.value.py.v)) continue;
          const place = argumentPlace(task, eff, `${arg}="${eff.value.py.v}"`);
          ctx.report({
            at: place.at,
            messageId: 'publicAcl',
            data: { task: taskLabel(task), arg, acl: eff.value.py.v },
            task,
            help: 'leave the ACL out (bucket-owner-enforced buckets ignore ACLs) and share data through bucket policies, CloudFront or presigned URLs',
            related: place.related,
          });
        }
      },
    };
  },
});
