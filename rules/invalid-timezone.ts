import { defineRule } from '../src/engine/rule.js';
import type { DagModel, TaskModel, Value } from '../src/model/index.js';
import { checkTimeZone } from '../src/model/timezone.js';
import { dagValues, taskValues, timeZoneSites } from '../src/model/timezone-sites.js';

export default defineRule({
  id: 'invalid-timezone',
  category: 'schedule',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A literal time zone name that is not an IANA zone: the file fails to import.',
  messages: {
    invalid: '"{name}" is not a valid time zone for {call} ({detail}); the DAG file fails to import',
  },
  create(ctx) {
    const seen = new Set<string>();
    const check = (values: Value[], dag: DagModel | null, task: TaskModel | null): void => {
      for (const site of timeZoneSites(values)) {
        const key = `${site.at.line}:${site.at.column}:${site.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const r = checkTimeZone(site.name, { zoneInfo: site.reader === 'zoneinfo' });
        if (r.ok) continue;
        ctx.report({
          at: site.at,
          messageId: 'invalid',
          data: { name: site.name, call: site.call, detail: r.message },
          dag,
          task,
          help: r.suggestion
            ? `write "${r.suggestion}"`
            : 'use an IANA name such as "UTC", "Europe/Amsterdam" or "America/New_York" (see the tz database list)',
        });
      }
    };
    return {
      dag(dag) {
        check(dagValues(dag), dag, null);
      },
      task(task) {
        check(taskValues(task), task.dag, task);
      },
    };
  },
});
