// Connection ids as a DAG file writes them: keyword arguments and dict entries named `*conn_id`
// (or a conn parameter the operator facts know), the first argument of `get_connection(...)`, and
// the connection arguments tasks end up with. Read by the connection rules (malformed-conn-id,
// unknown-conn-id, wrong-conn-id-argument, implicit-default-connection).
import type { Range } from '../engine/types.js';
import { operatorFacts } from './providers.js';
import type { FileModel, TaskModel, Value } from './types.js';

/** A keyword or dict key that holds a connection id: `conn_id`, `aws_conn_id`, `source_aws_conn_id`, ... */
export const CONN_ID_NAME = /^(?:[a-z0-9]+_)*conn_id$/;

/** Conn parameters for which an empty id is documented to mean "no connection" (boto3's credential chain). */
const EMPTY_ALLOWED = /(?:^|_)(?:aws|emr)_conn_id$/;

/** Calls whose first positional argument is a connection id. */
const LOOKUP_METHODS = /^airflow\..*\.(?:get_connection|get_connection_from_secrets|Connection\.get)$/;

export interface ConnIdSite {
  value: string;
  /** The keyword, dict key or variable name; `get_connection` for a lookup argument. */
  name: string;
  /** Where findings start: the keyword argument, dict pair, assignment or the argument itself. */
  at: Range;
  /** The string literal, when the value is written as one (for masking). */
  literal: Range | null;
  /** Qualified name of the call the id is given to, when known. */
  callee: string | null;
  /** Whether the id names a connection being defined (`Connection(conn_id=...)`), not one being used. */
  defines: boolean;
  kind: 'keyword' | 'dict-entry' | 'argument' | 'assignment' | 'task';
}

/** `airflow.models.Connection`, `airflow.sdk.Connection`, ... : the id they get is a new connection's. */
export function isConnectionClass(qname: string | null): boolean {
  return !!qname && qname.startsWith('airflow.') && /\.Connection$/.test(qname);
}

/** Whether a keyword of a call to `callee` carries a connection id. */
export function isConnIdName(name: string | null, callee: string | null): name is string {
  if (!name) return false;
  if (CONN_ID_NAME.test(name)) return true;
  const facts = callee ? operatorFacts(callee) : undefined;
  return !!facts && name in facts.connArgs;
}

/** A Jinja template (`{{ var.value.conn }}`) is resolved when the task runs: never judged. */
export function isTemplated(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}

export type ConnIdProblem = 'empty' | 'uri' | 'at' | 'whitespace';

/** What is wrong with a literal connection id, or null. */
export function connIdProblem(name: string, value: string): ConnIdProblem | null {
  if (value === '') return EMPTY_ALLOWED.test(name) ? null : 'empty';
  if (isTemplated(value)) return null;
  if (value.includes('://')) return 'uri';
  if (value.includes('@')) return 'at';
  if (/\s/.test(value)) return 'whitespace';
  return null;
}

/** A value that may carry a user name and password: never printed. */
export function mayCarryCredentials(value: string): boolean {
  return value.includes('://') || value.includes('@');
}

/**
 * Every literal connection id of the file (the whole file, task code included). Module-level
 * assignments count only with `assignments` (`PG_CONN_ID = "..."`, matched case-insensitively).
 */
export function literalConnIds(model: FileModel, options: { assignments: boolean }): ConnIdSite[] {
  const out: ConnIdSite[] = [];
  for (const s of model.strings()) {
    const site = { value: s.value, at: s.bindingLoc, literal: s.loc, callee: s.callee, defines: isConnectionClass(s.callee) };
    // A dict no call receives is data (docs, option tables) unless it defines a connection (`conn_id`);
    // default_args dicts reach tasks and are checked through taskConnIds.
    const freeDict = s.kind === 'dict-entry' && s.callee === null && s.name !== 'conn_id';
    if ((s.kind === 'keyword' || s.kind === 'dict-entry') && !freeDict && isConnIdName(s.name, s.callee)) {
      // A bare `conn_id` key in a dict no call receives is most often a connection definition.
      const definition = site.defines || (s.kind === 'dict-entry' && s.name === 'conn_id' && s.callee === null);
      out.push({ ...site, defines: definition, name: s.name, kind: s.kind });
    } else if (s.kind === 'argument' && s.argIndex === 0 && s.callee && LOOKUP_METHODS.test(s.callee)) {
      out.push({ ...site, name: 'get_connection', kind: 'argument' });
    } else if (options.assignments && s.kind === 'assignment' && s.name && CONN_ID_NAME.test(s.name.toLowerCase())) {
      out.push({ ...site, name: s.name, kind: 'assignment' });
    }
  }
  return out;
}

function strSite(name: string, v: Value, at: Range, callee: string): ConnIdSite | null {
  if (v.k !== 'known' || v.py.t !== 'str') return null;
  return { value: v.py.v, name, at, literal: v.loc, callee, defines: false, kind: 'task' };
}

/**
 * The connection ids a task is given with known string values: its own keywords (also when the value
 * comes from a variable) and conn entries of the default_args it inherits.
 */
export function taskConnIds(task: TaskModel): ConnIdSite[] {
  const out: ConnIdSite[] = [];
  for (const slot of task.args.kwargs.values()) {
    if (!isConnIdName(slot.name, task.operator)) continue;
    const site = strSite(slot.name, slot.value, slot.loc, task.operator);
    if (site) out.push(site);
  }
  const dicts: (Value | null)[] = [task.ownDefaultArgs];
  for (let g = task.group; g; g = g.parent) dicts.push(g.defaultArgs);
  dicts.push(task.dag ? task.dagDefaultArgs : null);
  for (const dict of dicts) {
    if (dict?.k !== 'known' || dict.py.t !== 'dict') continue;
    for (const e of dict.py.entries) {
      if (!e.loc || !isConnIdName(e.key, task.operator)) continue;
      const site = strSite(e.key, e.value, e.loc, task.operator);
      if (site) out.push(site);
    }
  }
  return out;
}

/** A stable key for a source position (to report a place once). */
export function rangeKey(r: Range): string {
  return `${r.line}:${r.column}`;
}
