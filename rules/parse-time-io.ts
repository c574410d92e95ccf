import { defineRule } from '../src/engine/rule.js';
import { parseTimeIo, type ParseTimeKind } from '../src/model/parse-time.js';

const WHAT: Record<ParseTimeKind, string> = {
  variable: 'reads the Airflow metadata database or secrets backend',
  connection: 'reads a connection from the metadata database or secrets backend',
  hook: 'uses a hook, which talks to an external system',
  aws: 'creates an AWS client (credential lookup and API calls)',
  http: 'makes an HTTP request',
  database: 'opens a database connection',
};

const FIX: Record<ParseTimeKind, string> = {
  variable: 'use a Jinja template such as "{{ var.value.name }}" (or "{{ var.json.name }}") in a templated field, or call Variable.get inside the task',
  connection: 'use a Jinja template such as "{{ conn.my_conn.host }}" in a templated field, or pass the conn id to the operator and read the connection inside the task',
  hook: 'create and use the hook inside a task (a @task function or an operator\'s execute)',
  aws: 'create the client inside a task, or use an Amazon provider operator',
  http: 'make the request inside a task (a @task function, or HttpOperator)',
  database: 'connect inside a task, or use an operator such as SQLExecuteQueryOperator',
};

export default defineRule({
  id: 'parse-time-io',
  category: 'parsing',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'Variable.get, connection lookups, hooks, AWS clients, HTTP or database calls made while Airflow parses the file.',
  messages: {
    io: '{call} runs every time the scheduler parses this file (every min_file_process_interval, 30 s by default) and {what}; {fix}',
  },
  create(ctx) {
    return {
      file(model) {
        const seen = new Set<string>();
        for (const call of model.calls) {
          const io = parseTimeIo(call.qname);
          // A call site reached several times (loops, helpers called twice) is reported once.
          const key = `${call.loc.line}:${call.loc.column}`;
          if (!io || seen.has(key)) continue;
          seen.add(key);
          const where = call.inDag ? 'in the DAG definition' : call.inFunction ? 'in a function called at import time' : 'at module level';
          ctx.report({
            at: call.loc,
            messageId: 'io',
            data: { call: `${io.display} ${where}`, what: WHAT[io.kind], fix: FIX[io.kind] },
            help: 'see "Top level Python Code" and "Airflow Variables" in Airflow\'s best practices',
          });
        }
      },
    };
  },
});
