import { defineRule } from '../src/engine/rule.js';
import type { TaskModel } from '../src/model/index.js';
import { redact, type Range } from '../src/engine/types.js';
import { connIdProblem, literalConnIds, type ConnIdProblem, mayCarryCredentials, rangeKey, taskConnIds, type ConnIdSite } from '../src/model/connections.js';

const HELP: Record<ConnIdProblem, string> = {
  uri: 'a connection id is a name such as "warehouse_pg"; define the connection (URI, login, password) in the Airflow UI, a secrets backend or an AIRFLOW_CONN_<ID> variable, and pass only its id',
  at: 'a connection id is a name; the host, user name and password belong in the connection itself',
  whitespace: 'connection ids are looked up exactly (and as AIRFLOW_CONN_<ID> environment variables), so spaces and line breaks make the lookup fail',
  empty: 'an empty id names no connection: pass the id of a defined connection, or leave the argument out to use its default',
};

/** The message after the argument name; `shown` is the value, redacted when it may hold credentials. */
const DETAIL: Record<ConnIdProblem, (shown: string) => string> = {
  uri: (shown) => `is a URI (${shown}), not a connection id`,
  at: (shown) => `contains "@" (${shown}); it looks like credentials or a host, not a connection id`,
  whitespace: (shown) => `${shown} contains whitespace; no connection id matches it`,
  empty: () => 'is an empty string; no connection has an empty id',
};

export default defineRule({
  id: 'malformed-conn-id',
  category: 'security',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A connection id literal that is empty or contains "://", "@" or whitespace (a URI pasted where an id belongs).',
  messages: {
    malformed: '{name} {detail}',
  },
  create(ctx) {
    const seen = new Set<string>();
    const check = (site: ConnIdSite, task: TaskModel | null = null): void => {
      if (seen.has(rangeKey(site.at)) || (site.literal && seen.has(`lit:${rangeKey(site.literal)}`))) return;
      const problem = connIdProblem(site.name, site.value);
      if (!problem) return;
      seen.add(rangeKey(site.at));
      if (site.literal) seen.add(`lit:${rangeKey(site.literal)}`);
      const secret = mayCarryCredentials(site.value);
      const secrets: Range[] = secret && site.literal ? [site.literal] : [];
      ctx.report({
        at: site.at,
        messageId: 'malformed',
        data: { name: site.kind === 'argument' ? 'the connection id' : site.name, detail: DETAIL[problem](secret ? redact(site.value) : JSON.stringify(site.value)) },
        help: HELP[problem],
        task,
        ...(secrets.length ? { secrets } : {}),
      });
    };
    return {
      file(model) {
        for (const site of literalConnIds(model, { assignments: true })) check(site);
      },
      task(task) {
        for (const site of taskConnIds(task)) check(site, task);
      },
    };
  },
});
