import { defineRule } from '../src/engine/rule.js';
import { parseJsonString, wildcardStatementDicts, wildcardStatements } from '../src/model/secrets.js';

export default defineRule({
  id: 'wildcard-iam-policy',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'An inline IAM policy statement that allows every action ("Action": "*") on every resource ("Resource": "*").',
  messages: {
    dict: 'IAM policy statement allows "Action": "*" on "Resource": "*" (full administrator access)',
    json: 'IAM policy document in this string allows "Action": "*" on "Resource": "*" (full administrator access)',
  },
  create(ctx) {
    const help = 'grant only the actions and resources the task needs (for example "s3:GetObject" on "arn:aws:s3:::my-bucket/*")';
    return {
      file(model) {
        for (const at of wildcardStatementDicts(model.strings())) ctx.report({ at, messageId: 'dict', help });
        for (const b of model.strings()) {
          if (b.templated || !b.value.includes('Statement')) continue;
          if (wildcardStatements(parseJsonString(b.value)) > 0) ctx.report({ at: b.bindingLoc, messageId: 'json', help });
        }
      },
    };
  },
});
