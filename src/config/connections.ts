// Reads the connection ids out of the output of `airflow connections export`. Airflow writes
// (airflow/cli/commands/connection_command.py, `_format_connections`):
//   .json  an object {conn_id: {conn_type, host, ...}}
//   .yaml  the same mapping as YAML
//   .env   one `conn_id=<uri or json>` line per connection
// Only the ids are kept: passwords and hosts in the file are never looked at or stored.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

export type ConnectionsFormat = 'json' | 'yaml' | 'env';

const ENV_LINE = /^\s*(?:export\s+)?([^\s=#]+)\s*=/;

/** The format of a connections file from its extension, or from its content when that says nothing. */
export function connectionsFormat(file: string, text: string): ConnectionsFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.env') return 'env';
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return 'json';
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (lines.length > 0 && lines.every((l) => ENV_LINE.test(l))) return 'env';
  return 'yaml';
}

function idsOfMapping(parsed: unknown, what: string): string[] {
  if (parsed === null || parsed === undefined) return [];
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`expected a ${what} mapping of connection ids to connections`);
  }
  return Object.keys(parsed);
}

/** Parses the text of a connections export; throws an Error with a short reason when it cannot. */
export function parseConnections(text: string, format: ConnectionsFormat): string[] {
  switch (format) {
    case 'json':
      if (text.trim() === '') return [];
      return idsOfMapping(JSON.parse(text), 'JSON');
    case 'yaml':
      return idsOfMapping(yaml.load(text, { schema: yaml.JSON_SCHEMA }), 'YAML');
    case 'env': {
      const ids: string[] = [];
      const lines = text.split(/\r?\n/);
      lines.forEach((line, i) => {
        const t = line.trim();
        if (t === '' || t.startsWith('#')) return;
        const m = ENV_LINE.exec(line);
        if (!m?.[1]) throw new Error(`line ${i + 1}: expected CONN_ID=value`);
        ids.push(m[1]);
      });
      return ids;
    }
  }
}

/** Reads a connections file; throws an Error with a short reason (missing file, bad syntax). */
export function readConnectionsFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(e)})`);
  }
  const format = connectionsFormat(file, text);
  try {
    return [...new Set(parseConnections(text, format))];
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(`not a valid ${format} connections export: ${reason}`);
  }
}
