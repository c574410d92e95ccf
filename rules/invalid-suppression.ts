import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'invalid-suppression',
  category: 'meta',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A suppression comment naming an unknown rule, or a blanket one with no rule list.',
  runsOnBrokenFiles: true,
  messages: {
    invalid: '{detail}',
  },
  checkSuppressions(ctx, report) {
    for (const inv of report.invalid) ctx.report({ at: inv.loc, messageId: 'invalid', data: { detail: inv.message }, help: 'write "# airlint: ignore[rule-id] -- reason"; `airlint rules` lists the ids' });
  },
});
