import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'unused-suppression',
  category: 'meta',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'An `# airlint: ignore[...]` comment that suppressed nothing.',
  runsOnBrokenFiles: true,
  messages: {
    unused: 'suppression of "{rule}" is unused: nothing here reports it',
  },
  checkSuppressions(ctx, report) {
    for (const { directive, rule } of report.unused) {
      ctx.report({ at: directive.loc, messageId: 'unused', data: { rule }, help: 'remove the rule from the comment (or the whole comment) so suppressions stay meaningful' });
    }
  },
});
