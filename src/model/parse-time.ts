// Which calls made while Airflow imports a DAG file reach a database, a secrets backend or the network.
// Airflow's best practices ("Top level Python Code", "Airflow Variables"): the DAG processor re-imports
// every file each `min_file_process_interval` (30 s by default, `[scheduler]` in 2.x, `[dag_processor]` in 3.x),
// so such calls run that often, outside any task, retry or timeout.

export type ParseTimeKind = 'variable' | 'connection' | 'hook' | 'aws' | 'http' | 'database';

export interface ParseTimeIo {
  kind: ParseTimeKind;
  /** The call as the user would recognise it: `Variable.get`, `S3Hook.list_keys`, `boto3.client`. */
  display: string;
}

/** `Variable.get` / `.set` ... in every public location (2.x models, 3.x Task SDK). */
const VARIABLE = /^airflow\.(?:models|models\.variable|sdk|sdk\.definitions\.variable|sdk\.execution_time\.[\w.]+)\.Variable\.(get|set|setdefault|update|delete)$/;
/** `Connection.get_connection_from_secrets` (2.x) and `Connection.get` (3.x Task SDK). */
const CONNECTION = /^airflow\.(?:models|models\.connection|sdk|sdk\.definitions\.connection)\.Connection\.(get_connection_from_secrets|get)$/;
/** A hook class (`...hooks.<module>.<Name>Hook`), optionally followed by a method name. */
const HOOK = /^airflow\.(?:providers\.[\w.]+?\.hooks|hooks|sdk(?:\.bases\.hook)?)\.(?:[\w.]*?\.)?(\w*Hook)(?:\.(\w+))?$/;
/** Static helpers of hooks that only parse strings. */
const PURE_HOOK_METHODS = new Set(['parse_s3_url', 'get_s3_bucket_key', 'get_ui_field_behaviour', 'get_connection_form_widgets']);

const EXACT: ReadonlyMap<string, ParseTimeKind> = new Map<string, ParseTimeKind>([
  ['boto3.client', 'aws'],
  ['boto3.resource', 'aws'],
  ['boto3.Session', 'aws'],
  ['boto3.session.Session', 'aws'],
  ['urllib.request.urlopen', 'http'],
  ['psycopg2.connect', 'database'],
  ['psycopg.connect', 'database'],
  ['sqlalchemy.create_engine', 'database'],
  ['snowflake.connector.connect', 'database'],
  ['pymysql.connect', 'database'],
  ['MySQLdb.connect', 'database'],
  ['mysql.connector.connect', 'database'],
  ['redis.Redis', 'database'],
  ['redis.StrictRedis', 'database'],
  ['redis.from_url', 'database'],
  ['pymongo.MongoClient', 'database'],
  ['pyodbc.connect', 'database'],
  ['cx_Oracle.connect', 'database'],
  ['oracledb.connect', 'database'],
]);

const HTTP_VERBS = /^(?:requests|httpx)\.(get|post|put|patch|delete|head|options|request|stream)$/;

/** Classifies a parse-time call by its qualified name; null for calls that do no I/O airlint knows of. */
export function parseTimeIo(qname: string): ParseTimeIo | null {
  let m = VARIABLE.exec(qname);
  if (m) return { kind: 'variable', display: `Variable.${m[1]}` };
  m = CONNECTION.exec(qname);
  if (m) return { kind: 'connection', display: `Connection.${m[1]}` };
  m = HOOK.exec(qname);
  if (m) {
    const [, cls, method] = m;
    if (method && (PURE_HOOK_METHODS.has(method) || method.startsWith('_'))) return null;
    if (!method && cls === 'BaseHook') return null;
    return { kind: method === 'get_connection' || method === 'get_connections' ? 'connection' : 'hook', display: method ? `${cls}.${method}` : `${cls}(...)` };
  }
  const exact = EXACT.get(qname);
  if (exact) return { kind: exact, display: qname };
  if (HTTP_VERBS.test(qname)) return { kind: 'http', display: qname };
  return null;
}
