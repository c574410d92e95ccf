import { defineRule } from '../src/engine/rule.js';
import { redact } from '../src/engine/types.js';
import { securityFindings } from '../src/model/secrets.js';

export default defineRule({
  id: 'hardcoded-secret',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A literal password, token, API key or private key written in the DAG file.',
  messages: {
    secret: 'hard-coded secret for {what}: {redacted}; anyone who can read the repository or the DAG folder can read it',
  },
  create(ctx) {
    return {
      file(model) {
        for (const f of securityFindings(model.strings(), ctx.file.text)) {
          if (f.rule !== 'hardcoded-secret') continue;
          ctx.report({
            at: f.at,
            messageId: 'secret',
            data: { what: f.what, redacted: redact(f.secret) },
            help: 'keep the secret in an Airflow connection or variable (backed by a secrets backend such as AWS Secrets Manager) and reference it with a template like "{{ conn.my_conn.password }}", then rotate the exposed value',
            secrets: [f.binding.loc],
          });
        }
      },
    };
  },
});
