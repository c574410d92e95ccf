import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'syntax-error',
  category: 'structure',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'The file is not valid Python 3, so Airflow cannot import it.',
  runsOnBrokenFiles: true,
  messages: {
    syntax: '{detail}',
  },
  create(ctx) {
    return {
      file() {
        for (const p of ctx.file.syntaxProblems) {
          ctx.report({
            at: p,
            messageId: 'syntax',
            data: { detail: p.message },
            ...(p.literals ? { secrets: p.literals } : {}),
            help: 'Airflow records this file as an import error and loads none of its DAGs; other rules are skipped until it parses',
          });
        }
      },
    };
  },
});
