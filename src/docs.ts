// Generated documentation: the README's rules table (kept in sync by `npm run docs` and a test).
import { rules } from '../rules/index.js';

export function rulesTable(): string {
  const rows = rules.map((r) => `| [\`${r.id}\`](rules/${r.id}.md) | ${r.category} | ${r.severity} | ${r.recommended ? 'yes' : 'opt-in'} | ${r.summary.replace(/\|/g, '\\|')} |`);
  return ['| rule | category | severity | recommended | what it flags |', '|---|---|---|---|---|', ...rows].join('\n');
}
