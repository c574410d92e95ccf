import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, taskLabel } from '../src/model/index.js';
import { argumentPlace, operatorClass, REDSHIFT_CREATE_CLUSTER } from '../src/model/aws.js';

export default defineRule({
  id: 'redshift-unencrypted-cluster',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'RedshiftCreateClusterOperator without encrypted=True: the operator does not ask for encryption at rest.',
  messages: {
    absent: 'task "{task}" creates a Redshift cluster without encrypted=True: RedshiftCreateClusterOperator defaults to encrypted=False',
    explicit: 'task "{task}" creates a Redshift cluster with encrypted=False',
  },
  create(ctx) {
    return {
      task(task) {
        if (operatorClass(task) !== REDSHIFT_CREATE_CLUSTER) return;
        const eff = effectiveArg(task, 'encrypted');
        const help = 'pass encrypted=True (and kms_key_id for a customer-managed key): encryption cannot be switched on in place later';
        if (eff.state === 'absent') {
          ctx.report({ at: task.loc, messageId: 'absent', data: { task: taskLabel(task) }, task, help });
          return;
        }
        if (eff.state !== 'known') return;
        const py = eff.value.py;
        // The operator sends Encrypted only when the value is truthy: False, None, 0 and "" all leave it out.
        if (!(py.t === 'none' || (py.t === 'bool' && !py.v))) return;
        const place = argumentPlace(task, eff, 'encrypted=False');
        ctx.report({ at: place.at, messageId: 'explicit', data: { task: taskLabel(task) }, task, help, related: place.related });
      },
    };
  },
});
