import { defineRule } from '../src/engine/rule.js';
import type { TaskModel } from '../src/model/index.js';
import { connIdProblem, isTemplated, literalConnIds, rangeKey, taskConnIds, type ConnIdSite } from '../src/model/connections.js';

/** Edit distance, capped: enough to suggest a near miss ("warehouse_pg" for "warehous_pg"). */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

function suggestion(id: string, known: readonly string[]): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const k of known) {
    const d = k.toLowerCase() === id.toLowerCase() ? 0 : distance(id, k, 2);
    if (d <= 2 && (!best || d < best.d)) best = { id: k, d };
  }
  return best?.id;
}

export default defineRule({
  id: 'unknown-conn-id',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A connection id literal that is not in the configured connection inventory (active only when `connections` or `connections-file` is set).',
  messages: {
    unknown: '{name}="{id}" names a connection that is not in the configured connection inventory',
  },
  create(ctx) {
    const inventory = ctx.file.connections;
    if (inventory === null) return {};
    const known = new Set(inventory);
    const seen = new Set<string>();
    const check = (site: ConnIdSite, task: TaskModel | null = null): void => {
      // Ids of connections being defined, templates resolved at run time and ids that
      // malformed-conn-id reports (they may carry credentials) are not looked up.
      if (site.defines || isTemplated(site.value) || connIdProblem(site.name, site.value) !== null) return;
      if (known.has(site.value) || seen.has(rangeKey(site.at))) return;
      seen.add(rangeKey(site.at));
      const near = suggestion(site.value, inventory);
      ctx.report({
        at: site.at,
        messageId: 'unknown',
        data: { name: site.kind === 'argument' ? 'conn_id' : site.name, id: site.value },
        task,
        help: near
          ? `did you mean "${near}"?`
          : 'add the connection to the deployment (and to the connection inventory airlint reads), or fix the id',
      });
    };
    return {
      file(model) {
        for (const site of literalConnIds(model, { assignments: false })) check(site);
      },
      task(task) {
        for (const site of taskConnIds(task)) check(site, task);
      },
    };
  },
});
