// The connection rules end to end: the CLI reads a connection inventory from an `airflow connections
// export` file named in airlint.toml and reports unknown ids without printing anything from that file;
// malformed ids that may carry credentials are redacted in every output format.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { defaultSettings } from '../src/index.js';
import { FORMATS, formatResults } from '../src/report/index.js';
import { parseExpectations } from './support/expect.js';
import { linter } from './support/linter.js';

// What `airflow connections export connections.yaml` writes (airflow/cli/commands/connection_command.py).
const EXPORT = `warehouse_pg:
  conn_type: postgres
  description: ''
  extra: ''
  host: pg-7f3a9.internal.example.com
  login: etl_loader
  password: Kx9-vQ2mZp8-rT4w
  port: 5432
  schema: warehouse
aws_prod:
  conn_type: aws
  description: ''
  extra: '{"region_name": "eu-west-1", "aws_secret_access_key": "wJ8aQ3zX9kP2mN7vB4cL6dF1gH5jK0sT8uY3eR6"}'
  host: ''
  login: AKIA4Q7ZP2MXK9WV3B6N
  password: ''
  port: null
  schema: ''
`;
const SECRETS = ['Kx9-vQ2mZp8-rT4w', 'pg-7f3a9', 'etl_loader', 'wJ8aQ3zX9kP2mN7vB4cL6dF1gH5jK0sT8uY3eR6', 'AKIA4Q7ZP2MXK9WV3B6N'];

const DAG_FILE = `from datetime import datetime

from airflow import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator


def alert(context):
    print(context)


with DAG("orders", schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False, default_args={"retries": 2, "on_failure_callback": alert}):
    load = SQLExecuteQueryOperator(task_id="load", conn_id="warehouse_pg", sql="SELECT 1")
    check = SQLExecuteQueryOperator(task_id="check", conn_id="warehouse_pq", sql="SELECT 1")
    load >> check
`;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'airlint-conn-'));
  mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function cli(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { cwd, env: {}, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => '', isTTY: false });
  return { code, out, err };
}

describe('unknown-conn-id from the command line', () => {
  const root = project({
    'airlint.toml': 'connections-file = "connections.yaml"\n',
    'connections.yaml': EXPORT,
    'dags/orders.py': DAG_FILE,
  });

  it('reports the unknown id, not the known one, in JSON', async () => {
    const r = await cli(root, ['-f', 'json', 'dags']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { diagnostics: { rule: string; line: number; message: string; help?: string }[] };
    const found = doc.diagnostics.filter((d) => d.rule === 'unknown-conn-id');
    expect(found.map((d) => d.line)).toEqual([13]);
    expect(found[0]!.message).toContain('warehouse_pq');
    expect(found[0]!.help).toContain('warehouse_pg');
  });

  it('prints nothing from the connections file in any format', async () => {
    for (const format of ['text', 'concise', 'json']) {
      const r = await cli(root, ['-f', format, 'dags']);
      expect(r.out).toContain('unknown-conn-id');
      for (const secret of SECRETS) expect(r.out + r.err, `${format} shows ${secret.slice(0, 4)}…`).not.toContain(secret);
    }
  });

  it('stays inactive without an inventory', async () => {
    const bare = project({ 'dags/orders.py': DAG_FILE });
    const r = await cli(bare, ['-f', 'json', 'dags']);
    const doc = JSON.parse(r.out) as { diagnostics: { rule: string }[] };
    expect(doc.diagnostics.filter((d) => d.rule === 'unknown-conn-id')).toEqual([]);
  });
});

describe('malformed-conn-id never prints credentials', () => {
  const dir = path.join(import.meta.dirname, '..', 'fixtures', 'rules', 'malformed-conn-id');
  const files = readdirSync(dir).filter((f) => f.startsWith('bad-') && f.endsWith('.py')).sort();

  it.each(files)('%s', async (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const shown = `fixtures/rules/malformed-conn-id/${file}`;
    const l = await linter();
    const settings = defaultSettings(l.registry);
    const result = l.lintText(text, shown, settings);
    const lines = [...parseExpectations(text).byLine].filter(([, ids]) => ids.includes('malformed-conn-id')).map(([line]) => line);
    expect(result.diagnostics.filter((d) => d.rule === 'malformed-conn-id').map((d) => d.line).sort()).toEqual(lines.sort());
    // The values with "://" or "@" on those lines, and their user-info parts.
    const secrets: string[] = [];
    text.split('\n').forEach((line, i) => {
      if (!lines.includes(i + 1)) return;
      for (const m of line.matchAll(/"([^"]*(?:@|:\/\/)[^"]*)"/g)) {
        secrets.push(m[1]!);
        const userinfo = /:\/\/([^@/]+)@/.exec(m[1]!)?.[1];
        if (userinfo) secrets.push(...userinfo.split(':').filter((p) => p.length >= 4));
        else if (m[1]!.includes('@')) secrets.push(m[1]!.split('@')[0]!);
      }
    });
    const run = { diagnostics: result.diagnostics, sources: new Map([[shown, text]]), summary: { files: 1, dags: 0, tasks: 0, suppressed: 0 }, toolVersion: '0.0.0-test' };
    for (const format of FORMATS) {
      const output = formatResults(format, run, { color: false });
      for (const secret of secrets) expect(output.includes(secret), `${format} output shows ${JSON.stringify(secret.slice(0, 4))}…`).toBe(false);
    }
  });
});
