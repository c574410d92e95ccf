import { defineRule } from '../src/engine/rule.js';
import { effectiveArg } from '../src/model/index.js';
import { parseAirflowVersion, triggerRuleMember, triggerRuleProblem, TRIGGER_RULES } from '../src/model/airflow-keys.js';

export default defineRule({
  id: 'invalid-trigger-rule',
  category: 'structure',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A trigger_rule that is not a TriggerRule value of the configured Airflow version.',
  messages: {
    unknown: '"{value}" is not a trigger rule{hint}; valid values{inVersion}: {valid}',
    removed: 'trigger rule "{value}" was removed in Airflow {removedIn}; use "{replacement}"',
    tooNew: 'trigger rule "{value}" was added in Airflow {since}; it does not exist in the configured Airflow {version}',
    member: 'TriggerRule has no member {member}{reason}',
  },
  create(ctx) {
    const version = parseAirflowVersion(ctx.file.airflowVersion);
    const inVersion = version ? ` in Airflow ${ctx.file.airflowVersion}` : '';
    const reported = new Set<string>();
    return {
      task(task) {
        const eff = effectiveArg(task, 'trigger_rule');
        if (eff.state !== 'known') return;
        const key = `${eff.loc.line}:${eff.loc.column}`;
        if (reported.has(key)) return;
        const py = eff.value.py;
        const at = eff.loc;
        const help = 'Airflow rejects an unknown trigger rule when it builds the task, so the DAG fails to import';
        let value: string;
        let member: string | undefined;
        if (py.t === 'str') value = py.v;
        else if (py.t === 'ref' || py.t === 'instance') {
          member = triggerRuleMember(py.qname);
          if (member === undefined) return;
          // Enum members are the upper-case spellings of the values.
          value = member === member.toUpperCase() ? member.toLowerCase() : `\0${member}`;
        } else return;
        const problem = triggerRuleProblem(value, version);
        if (!problem) return;
        reported.add(key);
        if (member !== undefined) {
          const reason =
            problem.kind === 'removed'
              ? ` (removed in Airflow ${problem.removedIn}; use TriggerRule.${problem.replacement.toUpperCase()})`
              : problem.kind === 'too-new'
                ? ` before Airflow ${problem.since}`
                : TRIGGER_RULES.has(member.toLowerCase())
                  ? ` (members are upper case: TriggerRule.${member.toUpperCase()})`
                  : '';
          ctx.report({ at, messageId: 'member', data: { member, reason }, task, help });
        } else if (problem.kind === 'removed') {
          ctx.report({ at, messageId: 'removed', data: { value, removedIn: problem.removedIn, replacement: problem.replacement }, task, help });
        } else if (problem.kind === 'too-new') {
          ctx.report({ at, messageId: 'tooNew', data: { value, since: problem.since, version: ctx.file.airflowVersion ?? '' }, task, help });
        } else {
          const hint = problem.suggestion ? ` (did you mean "${problem.suggestion}"?)` : '';
          ctx.report({ at, messageId: 'unknown', data: { value, hint, inVersion, valid: problem.valid.join(', ') }, task, help });
        }
      },
    };
  },
});
