import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, strOf, taskLabel } from '../src/model/index.js';
import { operatorFacts } from '../src/model/providers.js';
import { argumentPlace } from '../src/model/aws.js';

export default defineRule({
  id: 'emr-conn-is-aws-conn',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'emr_conn_id set to an AWS credentials connection (aws_default, or the task\'s own aws_conn_id): its extras are sent to RunJobFlow.',
  messages: {
    awsConn:
      'task "{task}" passes the AWS credentials connection "{conn}" as emr_conn_id: EmrHook sends that connection\'s extras to RunJobFlow as cluster settings',
  },
  create(ctx) {
    return {
      task(task) {
        const facts = operatorFacts(task.operator);
        if (!facts || !('emr_conn_id' in facts.connArgs)) return;
        const eff = effectiveArg(task, 'emr_conn_id');
        if (eff.state !== 'known') return;
        const conn = strOf(eff.value);
        if (!conn) return;
        // The connection this task uses for AWS credentials (absent: the operator's default).
        const awsEff = effectiveArg(task, 'aws_conn_id');
        const awsConn = awsEff.state === 'absent' ? (facts.connArgs['aws_conn_id'] ?? undefined) : awsEff.state === 'known' ? strOf(awsEff.value) : undefined;
        if (conn !== 'aws_default' && conn !== awsConn) return;
        const place = argumentPlace(task, eff, `emr_conn_id="${conn}"`);
        ctx.report({
          at: place.at,
          messageId: 'awsConn',
          data: { task: taskLabel(task), conn },
          task,
          help: 'use an "Amazon Elastic MapReduce" connection holding only RunJobFlow parameters (emr_default), or emr_conn_id=None and put the settings in job_flow_overrides',
          related: place.related,
        });
      },
    };
  },
});
