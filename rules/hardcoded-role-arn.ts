import { defineRule } from '../src/engine/rule.js';
import { redact } from '../src/engine/types.js';
import { parseRoleArn, securityFindings } from '../src/model/secrets.js';

export default defineRule({
  id: 'hardcoded-role-arn',
  category: 'security',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'A literal IAM role ARN with an account id in a role argument or config key.',
  messages: {
    arn: '{name} is a hard-coded IAM {what} ARN in account {account}; the DAG only works in that account',
  },
  create(ctx) {
    return {
      file(model) {
        for (const f of securityFindings(model.strings(), ctx.file.text)) {
          if (f.rule !== 'hardcoded-role-arn') continue;
          const arn = parseRoleArn(f.binding.value);
          if (!arn) continue;
          ctx.report({
            at: f.at,
            messageId: 'arn',
            data: { name: f.name ?? 'the value', what: arn.resource, account: redact(f.secret) },
            help: 'read the ARN from configuration per environment: an Airflow Variable ("{{ var.value.emr_role_arn }}"), the AWS connection\'s extra (role_arn), or the execution role itself',
            secrets: [f.binding.loc],
          });
        }
      },
    };
  },
});
