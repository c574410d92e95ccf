import { defineRule } from '../src/engine/rule.js';
import { dagDate, compareDates } from '../src/model/schedule.js';

export default defineRule({
  id: 'end-date-before-start-date',
  category: 'schedule',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A DAG whose literal end_date is before its start_date, so the scheduler never creates a run.',
  messages: {
    before: 'end_date {end} is before start_date {start}: the scheduler never creates a run for this DAG',
  },
  create(ctx) {
    return {
      dag(dag) {
        const start = dagDate(dag, 'start_date');
        const end = dagDate(dag, 'end_date');
        if (start.state !== 'known' || end.state !== 'known') return;
        const s = start.value.py;
        const e = end.value.py;
        if (s.t !== 'datetime' || e.t !== 'datetime' || compareDates(e, s) !== 'before') return;
        const show = (d: typeof s): string => `${d.iso.replace('T00:00:00', '')}${d.tz ? ` ${d.tz}` : ''}`;
        ctx.report({
          at: end.loc,
          messageId: 'before',
          data: { end: show(e), start: show(s) },
          dag,
          help: 'swap the dates or fix the typo; an end_date equal to start_date still allows one run',
          related: [{ line: start.loc.line, column: start.loc.column, message: 'start_date is set here' }],
        });
      },
    };
  },
});
