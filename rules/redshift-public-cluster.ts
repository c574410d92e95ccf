import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, taskLabel } from '../src/model/index.js';
import { argumentPlace, operatorClass, REDSHIFT_CREATE_CLUSTER } from '../src/model/aws.js';

export default defineRule({
  id: 'redshift-public-cluster',
  category: 'aws',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'RedshiftCreateClusterOperator without publicly_accessible=False: the operator creates a public cluster by default.',
  messages: {
    absent: 'task "{task}" creates a publicly accessible Redshift cluster: RedshiftCreateClusterOperator defaults to publicly_accessible=True',
    explicit: 'task "{task}" creates a publicly accessible Redshift cluster (publicly_accessible=True)',
  },
  create(ctx) {
    return {
      task(task) {
        if (operatorClass(task) !== REDSHIFT_CREATE_CLUSTER) return;
        const eff = effectiveArg(task, 'publicly_accessible');
        const help = 'pass publicly_accessible=False and reach the cluster from inside its VPC';
        if (eff.state === 'absent') {
          ctx.report({ at: task.loc, messageId: 'absent', data: { task: taskLabel(task) }, task, help });
          return;
        }
        if (eff.state !== 'known' || eff.value.py.t !== 'bool' || !eff.value.py.v) return;
        const place = argumentPlace(task, eff, 'publicly_accessible=True');
        ctx.report({ at: place.at, messageId: 'explicit', data: { task: taskLabel(task) }, task, help, related: place.related });
      },
    };
  },
});
