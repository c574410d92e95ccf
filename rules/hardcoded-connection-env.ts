import { defineRule } from '../src/engine/rule.js';
import { redact } from '../src/engine/types.js';
import { securityFindings } from '../src/model/secrets.js';

export default defineRule({
  id: 'hardcoded-connection-env',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A literal secret written into AIRFLOW_CONN_*, AIRFLOW_VAR_* or AWS_* credential environment variables.',
  messages: {
    env: '{env} is set to a literal holding {what}: {redacted}; the credential lives in the DAG file and in the environment of every process that parses it',
  },
  create(ctx) {
    return {
      file(model) {
        for (const f of securityFindings(model.strings(), ctx.file.text)) {
          if (f.rule !== 'hardcoded-connection-env') continue;
          ctx.report({
            at: f.at,
            messageId: 'env',
            data: { env: f.name ?? 'the environment variable', what: f.what, redacted: redact(f.secret) },
            help: 'define the connection or variable in the deployment (secrets backend, or environment variables set outside the DAG folder) and rotate the exposed value',
            secrets: [f.binding.loc],
          });
        }
      },
    };
  },
});
