import { defineRule } from '../src/engine/rule.js';
import { redact } from '../src/engine/types.js';
import { securityFindings } from '../src/model/secrets.js';

export default defineRule({
  id: 'hardcoded-aws-credentials',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A literal AWS access key id, secret access key or session token in the DAG file.',
  messages: {
    credential: 'hard-coded {what}: {redacted}; a leaked AWS key gives its holder the permissions of its IAM user or role',
  },
  create(ctx) {
    return {
      file(model) {
        for (const f of securityFindings(model.strings(), ctx.file.text)) {
          if (f.rule !== 'hardcoded-aws-credentials') continue;
          ctx.report({
            at: f.at,
            messageId: 'credential',
            data: { what: f.what, redacted: redact(f.secret) },
            help: 'deactivate and rotate the key in IAM; let the AWS connection (aws_conn_id) or the execution role supply credentials instead of keys in code',
            secrets: [f.binding.loc],
          });
        }
      },
    };
  },
});
