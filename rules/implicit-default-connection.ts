import { defineRule } from '../src/engine/rule.js';
import { effectiveArg, taskLabel } from '../src/model/index.js';
import { operatorFacts } from '../src/model/providers.js';

export default defineRule({
  id: 'implicit-default-connection',
  category: 'security',
  severity: 'info',
  recommended: false,
  fixable: false,
  summary: "An operator that relies on its provider's default connection (aws_default, postgres_default, ...) by leaving the connection argument out.",
  messages: {
    implicit: 'task "{task}" sets no {arg}, so it uses the default connection "{conn}"',
  },
  create(ctx) {
    return {
      task(task) {
        if (task.kind !== 'operator' && task.kind !== 'sensor') return;
        // A mapped task may get the argument from expand(); positional arguments cannot be told apart.
        if (task.mapped || task.args.positional.length > 0) return;
        const facts = operatorFacts(task.operator);
        if (!facts) return;
        for (const [arg, conn] of Object.entries(facts.connArgs)) {
          if (conn === null) continue;
          const eff = effectiveArg(task, arg);
          if (eff.state !== 'absent') continue;
          ctx.report({
            at: task.loc,
            messageId: 'implicit',
            data: { task: taskLabel(task), arg, conn },
            task,
            help: `pass ${arg}="<connection id>" (on the task or in default_args) so the connection (and the credentials) it uses is chosen on purpose`,
          });
        }
      },
    };
  },
});
