import { defineRule } from '../src/engine/rule.js';
import { redact } from '../src/engine/types.js';
import { securityFindings } from '../src/model/secrets.js';

export default defineRule({
  id: 'credentials-in-uri',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A literal URI with a user:password@ part, such as a database URL with its password.',
  messages: {
    uri: '{what} with an embedded password: {redacted}',
  },
  create(ctx) {
    return {
      file(model) {
        for (const f of securityFindings(model.strings(), ctx.file.text)) {
          if (f.rule !== 'credentials-in-uri') continue;
          ctx.report({
            at: f.at,
            messageId: 'uri',
            data: { what: f.what, redacted: redact(f.secret) },
            help: 'store the URI as an Airflow connection and pass its conn id to the operator or hook (or template "{{ conn.my_conn.get_uri() }}"), then rotate the password',
            secrets: [f.binding.loc],
          });
        }
      },
    };
  },
});
