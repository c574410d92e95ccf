// Detection logic shared by the security rules: which literal strings are credentials, which names
// Airflow treats as sensitive, credentials inside URIs and JSON strings, IAM role ARNs and policy
// statements. Pure functions over the string bindings of strings.ts (and, for policy dicts, syntax
// nodes); every rule reads its own findings from `securityFindings`, so one literal is reported by
// at most one security rule.
//
// Sources of the patterns:
// - sensitive names: Airflow's secrets masker, DEFAULT_SENSITIVE_FIELDS and should_hide_value_for_key
//   (airflow/utils/log/secrets_masker.py in 2.x, task-sdk .../secrets_masker.py in 3.x): a name is
//   sensitive when, lower-cased (and in 3.x with non-word runs turned into "_"), it contains a field;
// - AWS key ids: gitleaks `aws-access-token` and detect-secrets AWSKeyDetector
//   ((A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}, entropy >= 3, `.+EXAMPLE$` allow-listed);
// - credentials in URIs: detect-secrets BasicAuthDetector (`://user:password@`);
// - private keys: the PEM `-----BEGIN ... PRIVATE KEY-----` armour (gitleaks `private-key`).
import type { Range } from '../engine/types.js';
import type { StringBinding } from './strings.js';

export type SecurityRuleId =
  | 'hardcoded-aws-credentials'
  | 'hardcoded-secret'
  | 'credentials-in-uri'
  | 'hardcoded-connection-env'
  | 'hardcoded-role-arn';

export interface SecurityFinding {
  rule: SecurityRuleId;
  binding: StringBinding;
  /** Where the finding starts: the keyword, dict entry or assignment binding the literal. */
  at: Range;
  /** The credential itself: rules show only `redact(secret)`, never this. */
  secret: string;
  /** What was found, safe to print (holds no secret): "password", "AWS access key id", ... */
  what: string;
  /** The name the literal is bound to (keyword, dict key, variable, env var, JSON key), if any. */
  name: string | null;
}

// ---------------------------------------------------------------- names

/** Airflow's DEFAULT_SENSITIVE_FIELDS (identical in 2.10 and 3.0; 3.3 adds more names). */
export const AIRFLOW_SENSITIVE_FIELDS: readonly string[] = [
  'access_token',
  'api_key',
  'apikey',
  'authorization',
  'passphrase',
  'passwd',
  'password',
  'private_key',
  'secret',
  'token',
  'keyfile_dict',
  'service_account',
];

/** Name parts saying the value names, locates or describes a secret instead of being one. */
const REFERENCE_SUFFIXES = new Set([
  'name', 'names', 'id', 'ids', 'arn', 'arns', 'path', 'paths', 'file', 'files', 'filename', 'dir', 'url', 'uri', 'urls',
  'endpoint', 'host', 'type', 'types', 'expiry', 'expires', 'expiration', 'ttl', 'field', 'fields', 'prefix', 'suffix',
  'env', 'var', 'variable', 'conn', 'length', 'len', 'count', 'size', 'location', 'backend', 'version', 'policy', 'mode',
  'method', 'header', 'param', 'parameter', 'enabled', 'required', 'scope', 'scopes', 'format', 'kind', 'label',
  'description', 'hint', 'help', 'regex', 'pattern', 'template', 'provider', 'store', 'manager', 'ref', 'reference',
  'lookup', 'source', 'mount', 'engine', 'class', 'cls', 'command', 'cmd', 'key_name', 'region', 'role', 'user',
  'username', 'login', 'owner', 'rotation', 'stage', 'algorithm', 'encoding', 'separator', 'delimiter', 'callback',
  'cache', 'kwarg', 'kwargs', 'config', 'schema', 'column', 'table', 'option', 'options', 'flag', 'status', 'state',
]);

/** Qualifiers turning "token" into something that is not a credential (pagination, idempotency, LLM tokens). */
const NON_SECRET_TOKEN_QUALIFIERS = new Set([
  'next', 'continuation', 'page', 'pagination', 'starting', 'start', 'idempotency', 'request', 'client', 'resume',
  'sync', 'cursor', 'max', 'min', 'num', 'total', 'input', 'output', 'prompt', 'completion', 'stop', 'special', 'eos',
  'bos', 'pad', 'sep', 'unk', 'mask', 'cls', 'end',
]);

/**
 * A pure function of a name, remembered: the same keyword and key names recur in every file, and each
 * string bound to one asks again. Forgets everything past 10,000 names (a long editor session).
 */
function byName<T>(f: (name: string) => T): (name: string) => T {
  const seen = new Map<string, T>();
  return (name) => {
    if (seen.has(name)) return seen.get(name)!;
    if (seen.size >= 10_000) seen.clear();
    const v = f(name);
    seen.set(name, v);
    return v;
  };
}

/** Lower-cases a name, splits camelCase and turns runs of non-word characters into "_" (as Airflow 3 does). */
export const normalizeName = byName((name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/\W+/g, '_')
    .replace(/^_+|_+$/g, ''),
);

/**
 * The Airflow sensitive field a name contains, when its value is the secret itself: `db_password`,
 * `X-API-Key`, `clientSecret`, `SLACK_TOKEN`. Null for names that are not sensitive and for names that
 * refer to a secret (`secret_name`, `token_url`, `password_file`), or that use a field as part of a
 * longer word (`tokenizer`, `secretary`) or in a non-credential sense (`next_token`, `max_tokens`).
 */
export function sensitiveField(name: string | null): string | null {
  return name ? sensitiveFieldOf(name) : null;
}

const sensitiveFieldOf = byName((name: string): string | null => {
  const norm = normalizeName(name);
  for (const field of AIRFLOW_SENSITIVE_FIELDS) {
    let from = 0;
    for (;;) {
      const at = norm.indexOf(field, from);
      if (at < 0) break;
      from = at + 1;
      let end = at + field.length;
      if (norm[end] === 's' && (end + 1 === norm.length || norm[end + 1] === '_')) end++; // plural
      if (end < norm.length && norm[end] !== '_' && !/[0-9]/.test(norm[end]!)) continue; // part of a longer word
      const after = norm.slice(end).split('_').filter(Boolean);
      if (after.some((t) => REFERENCE_SUFFIXES.has(t) || REFERENCE_SUFFIXES.has(t.replace(/s$/, ''))) || (after.length >= 2 && REFERENCE_SUFFIXES.has(after.slice(-2).join('_')))) continue;
      const before = norm.slice(0, at).split('_').filter(Boolean);
      const qualifier = before[before.length - 1] ?? (at > 0 ? norm.slice(0, at) : '');
      if ((field === 'token' || field === 'access_token') && NON_SECRET_TOKEN_QUALIFIERS.has(qualifier.replace(/_$/, ''))) continue;
      return field;
    }
  }
  return null;
});

/** Names whose value is an AWS secret access key or session token (keywords, dict keys, STS responses). */
export function awsSecretName(name: string | null): 'secret access key' | 'session token' | null {
  if (!name) return null;
  const norm = normalizeName(name);
  if (/(^|_)secret_access_key$/.test(norm)) return 'secret access key';
  if (/(^|_)session_token$/.test(norm)) return 'session token';
  return null;
}

// ---------------------------------------------------------------- values

const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'apikey', 'key', 'privatekey',
  'accesstoken', 'secretkey', 'accesskey', 'dummy', 'test', 'testing', 'todo', 'fixme', 'tbd', 'replaceme', 'redacted',
  'none', 'null', 'nil', 'undefined', 'placeholder', 'sample', 'default', 'foo', 'bar', 'baz', 'foobar', 'admin',
  'airflow', 'mypassword', 'yourpassword', 'mysecret', 'yoursecret', 'mytoken', 'yourtoken', 'myapikey', 'yourapikey',
  'hidden', 'masked', 'secretvalue', 'notasecret', 'value',
]);

/**
 * Values that hold no real credential: documentation placeholders, masks, format fields and
 * environment references. `changeme`, `<password>`, `your-api-key`, `xxxx`, `***`, `${TOKEN}`,
 * `%(password)s`, `{password}`, anything containing "example", "dummy", "fake" or "placeholder".
 * `airflow` is here because Airflow itself never masks it (SECRETS_TO_SKIP_MASKING).
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^[<[{(].*[>\]})]$/s.test(v)) return true;
  if (/^\$\{?[A-Za-z_]\w*\}?$/.test(v) || /^\$\(.*\)$/.test(v) || /%(\([^)]*\))?[sd]/.test(v) || /\{\w*\}/.test(v)) return true;
  if (/^(.)\1*$/s.test(v) || /^[x*.#_-]+$/i.test(v) || /X{4,}|x{6,}|0{6,}|\*{3,}|•{3,}/.test(v)) return true;
  if (/example|dummy|fake|placeholder|changeme|change_me|change-me|redacted|not[-_ ]?a[-_ ]?real|replace[-_ ]?(me|this|with)|insert[-_ ]|enter[-_ ]your|your[-_ ]/i.test(v)) return true;
  const word = v.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (PLACEHOLDER_WORDS.has(word)) return true;
  if (/^(my|your|the|some|test|dummy|fake|sample)?(db|database|api|aws|slack|access|secret|auth)?(password|passwd|secret|token|apikey|key)(here|goes?here|value)?\d{0,3}$/.test(word)) return true;
  return false;
}

/** Values that point at a secret rather than hold one: ARNs, URLs, paths, Variable/secret names. */
export function isReference(value: string): boolean {
  const v = value.trim();
  if (/^arn:/.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return true; // a URL without user info
  if (/^(\/|\.\.?\/|~\/)/.test(v) && !/\s/.test(v)) return true;
  if (/^[\w.-]+\.(pem|key|json|p8|p12|pfx|crt|txt|yaml|yml|cfg|ini|env)$/i.test(v)) return true;
  if (/^[a-z0-9_.-]+(\/[a-z0-9_.-]+)+\/?$/.test(v)) return true; // lower-case path: a secrets-manager or vault name
  if (/^[a-z][a-z0-9]*([_.-][a-z0-9]+)+$/.test(v) && sensitiveField(v.replace(/[.-]/g, '_')) !== null) return true;
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v) && sensitiveField(v) !== null) return true; // an env var name
  if (/^\.*[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(v)) return true; // a Python import path
  if (/^[a-z]+(_+[a-z]+)+_*$/.test(v)) return true; // a snake_case name, no digits: a key or variable name
  if (/^[A-Za-z][A-Za-z ]*$/.test(v) && /password|passwd|secret|token|api ?key|passphrase|credential/i.test(v)) return true; // a label
  return false;
}

const AUTH_SCHEMES = /^(bearer|basic|token|bot|digest|apikey|api-key|jwt|sso-key|oauth)\s+/i;

/**
 * The credential in a literal bound to a sensitive name, or null when the literal holds none: for an
 * Authorization-style value the part after the scheme (`Bearer abc` → `abc`). Values with whitespace,
 * under 5 characters (Airflow 3's `[logging] min_length_masked_secret` default), placeholders and
 * references are not credentials.
 */
export function credentialOf(value: string): string | null {
  let v = value.trim();
  if (AUTH_SCHEMES.test(`${v} `) && !/\s/.test(v)) return null; // a scheme alone: "Bearer"
  const scheme = AUTH_SCHEMES.exec(v);
  if (scheme) v = v.slice(scheme[0].length).trim();
  if (v.length < 5 || /\s/.test(v)) return null;
  if (/\{\{|\{%/.test(v) || isPlaceholder(v) || isReference(v)) return null;
  return v;
}

// ---------------------------------------------------------------- patterns

const AWS_KEY_ID = /(?<![A-Z0-9])((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Z0-9])/g;

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** AWS access key ids in a string (gitleaks / detect-secrets pattern), documentation examples excepted. */
export function awsKeyIds(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(AWS_KEY_ID)) {
    const id = m[1]!;
    if (/EXAMPLE$/.test(id) || entropy(id) < 3) continue;
    out.push(id);
  }
  return out;
}

/** A literal AWS secret key or session token: not a documentation example (`wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`). */
export function awsSecretValue(value: string): string | null {
  const v = credentialOf(value);
  if (v === null || /EXAMPLE/.test(v)) return null;
  return v;
}

// detect-secrets BasicAuthDetector: user and password are runs without URI reserved characters.
const URI_CREDENTIALS = /\b([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^:/?#[\]@!$&'()*+,;=\s]*):([^:/?#[\]@!$&'()*+,;=\s]+)@/g;

export interface UriCredential {
  scheme: string;
  user: string;
  password: string;
}

/** `scheme://user:password@` in a string, with placeholder and templated passwords left out. */
export function uriCredentials(value: string): UriCredential[] {
  const out: UriCredential[] = [];
  for (const m of value.matchAll(URI_CREDENTIALS)) {
    let password = m[3]!;
    try {
      password = decodeURIComponent(password);
    } catch {
      // keep the raw text
    }
    if (/\{\{|\{%|\}\}/.test(m[0]) || isPlaceholder(password) || /EXAMPLE/.test(password)) continue;
    if (/^x-oauth-basic$/i.test(password)) password = m[2]!; // GitHub: the token is the user part
    out.push({ scheme: m[1]!, user: m[2]!, password });
  }
  return out;
}

/** A PEM private key with a real body (not `...`). */
export function pemPrivateKey(value: string): string | null {
  const m = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----([\s\S]*?)-----END/.exec(value);
  if (!m) return null;
  const body = m[2]!.replace(/\\n|\s/g, '');
  return body.length >= 64 && !isPlaceholder(body) && !/EXAMPLE/i.test(body) ? m[0] : null;
}

// ---------------------------------------------------------------- JSON in strings

/** A JSON object or array written in a string (`extra='{"password": ...}'`), or null. */
export function parseJsonString(value: string): unknown {
  const v = value.trim();
  if (!/^[{[]/.test(v) || !/[}\]]$/.test(v)) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
}

export interface JsonSecret {
  key: string;
  value: string;
  aws: 'secret access key' | 'session token' | null;
  field: string | null;
}

/** String entries of a parsed JSON value bound to a sensitive key, at any depth (also JSON inside JSON). */
export function jsonSecrets(doc: unknown, depth = 0): JsonSecret[] {
  const out: JsonSecret[] = [];
  if (depth > 8 || doc === null || typeof doc !== 'object') return out;
  const entries: [string | null, unknown][] = Array.isArray(doc) ? doc.map((v) => [null, v]) : Object.entries(doc);
  for (const [key, v] of entries) {
    if (typeof v === 'string') {
      const nested = parseJsonString(v);
      if (nested !== null) {
        out.push(...jsonSecrets(nested, depth + 1));
        continue;
      }
      if (key === null) continue;
      const aws = awsSecretName(key);
      const field = aws ? null : sensitiveField(key);
      if (aws && awsSecretValue(v)) out.push({ key, value: v, aws, field: null });
      else if (field && secretValueFor(field, v)) out.push({ key, value: v, aws: null, field });
    } else out.push(...jsonSecrets(v, depth + 1));
  }
  return out;
}

/**
 * The credential in a value bound to a sensitive field. `keyfile_dict` and `service_account` hold a
 * service-account e-mail or file name as often as a key, so only a private key inside counts.
 */
export function secretValueFor(field: string, value: string): string | null {
  if (field === 'keyfile_dict' || field === 'service_account') {
    const doc = parseJsonString(value);
    if (doc !== null) return jsonSecrets(doc).length > 0 ? value : null;
    return pemPrivateKey(value);
  }
  if (parseJsonString(value) !== null) return null; // judged by its keys instead
  return credentialOf(value);
}

// ---------------------------------------------------------------- IAM

/** Account ids used in AWS and Airflow documentation, and obvious fillers. */
const DOC_ACCOUNTS = new Set(['123456789012', '111122223333', '444455556666', '777788889999', '210987654321', '112223334444', '123456789098', '012345678901', '098765432109', '123412341234']);

export function isPlaceholderAccount(account: string): boolean {
  return DOC_ACCOUNTS.has(account) || /^(\d)\1{11}$/.test(account);
}

export interface RoleArn {
  partition: string;
  account: string;
  resource: 'role' | 'instance-profile';
  name: string;
}

/** An IAM role or instance-profile ARN with a real (non-documentation) account id. */
export function parseRoleArn(value: string): RoleArn | null {
  const m = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):iam::(\d{12}):(role|instance-profile)\/([\w+=,.@/-]+)$/.exec(value.trim());
  if (!m || isPlaceholderAccount(m[2]!)) return null;
  return { partition: m[1]!, account: m[2]!, resource: m[3] as RoleArn['resource'], name: m[4]! };
}

/** Names of role arguments and config keys: `role_arn`, `iam_roles`, `JobFlowRole`, `ExecutionRoleArn`, `role`. */
export function isRoleName(name: string | null): boolean {
  if (!name) return false;
  const tokens = normalizeName(name).split('_');
  return tokens.some((t) => t === 'role' || t === 'roles') || /role$/.test(tokens[tokens.length - 1] ?? '');
}

const ALL = (v: unknown): boolean => v === '*' || (Array.isArray(v) && v.includes('*'));

/** Does a parsed statement allow every action on every resource? */
export function isWildcardAllow(statement: unknown): boolean {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) return false;
  const s = statement as Record<string, unknown>;
  return s.Effect === 'Allow' && ALL(s.Action) && ALL(s.Resource);
}

/** Statements of a parsed policy document (or a bare statement) that allow `*` on `*`. */
export function wildcardStatements(doc: unknown): number {
  if (doc === null || typeof doc !== 'object') return 0;
  if (Array.isArray(doc)) return doc.reduce((n: number, d) => n + wildcardStatements(d), 0);
  const d = doc as Record<string, unknown>;
  if ('Statement' in d) return wildcardStatements(d.Statement);
  return isWildcardAllow(d) ? 1 : 0;
}

/**
 * Python dict literals written as IAM policy statements (`"Effect": "Allow"`, `"Action"` and `"Resource"`
 * strings or lists of strings) that allow `*` on `*`: the range of each one's `"Action": ...` entry.
 * Read from the string bindings, whose dict entries know the dict they belong to.
 */
export function wildcardStatementDicts(strings: readonly StringBinding[]): Range[] {
  const dicts = new Map<number, StringBinding[]>();
  for (const b of strings) {
    if (b.kind !== 'dict-entry' || b.container === undefined || b.templated) continue;
    if (b.name !== 'Effect' && b.name !== 'Action' && b.name !== 'Resource') continue;
    const list = dicts.get(b.container) ?? [];
    list.push(b);
    dicts.set(b.container, list);
  }
  const out: Range[] = [];
  for (const entries of dicts.values()) {
    const values = (k: string): string[] => entries.filter((e) => e.name === k).map((e) => e.value);
    const effect = values('Effect');
    const action = entries.find((e) => e.name === 'Action');
    if (!action || effect.length !== 1) continue;
    if (isWildcardAllow({ Effect: effect[0], Action: values('Action'), Resource: values('Resource') })) out.push(action.bindingLoc);
  }
  return out;
}

// ---------------------------------------------------------------- environment

export type EnvKind = 'connection' | 'variable' | 'aws';

/** Environment variables Airflow or the AWS SDK read credentials and connections from. */
export function credentialEnv(name: string | null): EnvKind | null {
  if (!name) return null;
  if (/^AIRFLOW_CONN_\w+$/.test(name)) return 'connection';
  if (/^AIRFLOW_VAR_\w+$/.test(name)) return 'variable';
  if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/.test(name)) return 'aws';
  return null;
}

const ENV_SETTERS = new Set(['os.environ.setdefault', 'os.putenv']);
const ENV_UPDATE = 'os.environ.update';

/** Qualified names of `Variable.set` in Airflow 2 and 3. */
function isVariableSet(callee: string | null): boolean {
  return !!callee && /^airflow\.(models|models\.variable|sdk|sdk\.definitions\.variable)\.Variable\.set$/.test(callee);
}

// ---------------------------------------------------------------- the classification

interface Ctx {
  text: string;
  lineStarts: number[];
}

function offsetOf(ctx: Ctx, line: number, column: number): number {
  return (ctx.lineStarts[line - 1] ?? ctx.text.length) + column - 1;
}

/** The literal first argument of the same call, when `b` is its literal second argument. */
function firstArgument(list: readonly StringBinding[], i: number, ctx: Ctx): StringBinding | null {
  const b = list[i]!;
  const prev = list[i - 1];
  if (b.kind !== 'argument' || b.argIndex !== 1 || !prev || prev.kind !== 'argument' || prev.argIndex !== 0 || prev.callee !== b.callee) return null;
  const between = ctx.text.slice(offsetOf(ctx, prev.loc.endLine, prev.loc.endColumn), offsetOf(ctx, b.loc.line, b.loc.column));
  return /^\s*,\s*$/.test(between) ? prev : null;
}

/** Is a literal bound to `name` an environment write (`os.environ[...] =`, `.update(...)`, `.setdefault`, `putenv`)? */
function envName(b: StringBinding, first: StringBinding | null): string | null {
  if (b.kind === 'environ') return b.name;
  if (b.callee === ENV_UPDATE && (b.kind === 'keyword' || b.kind === 'dict-entry') && b.path.length === 1) return b.name;
  if (first && b.callee && ENV_SETTERS.has(b.callee)) return first.value;
  return null;
}

/** The connection or variable an `AIRFLOW_CONN_*` / `AIRFLOW_VAR_*` value carries a secret in, or null. */
function secretInEnvValue(kind: EnvKind, name: string, value: string): { secret: string; what: string } | null {
  if (kind === 'aws') {
    const v = name === 'AWS_ACCESS_KEY_ID' ? (awsKeyIds(value)[0] ?? null) : awsSecretValue(value);
    return v ? { secret: v, what: name } : null;
  }
  const doc = parseJsonString(value);
  if (doc !== null) {
    const found = jsonSecrets(doc)[0];
    if (found) return { secret: found.value, what: `"${safeName(found.key)}"` };
  }
  const uri = uriCredentials(value)[0];
  if (uri) return { secret: uri.password, what: 'a password in the URI' };
  const query = /[?&]([^=&#]+)=([^&#]+)/g;
  for (const m of value.matchAll(query)) {
    let key = m[1]!;
    let v = m[2]!;
    try {
      key = decodeURIComponent(key);
      v = decodeURIComponent(v);
    } catch {
      // keep the raw text
    }
    const field = awsSecretName(key) ? 'secret' : sensitiveField(key);
    const secret = field ? (awsSecretName(key) ? awsSecretValue(v) : secretValueFor(field, v)) : null;
    if (secret) return { secret, what: `"${safeName(key)}"` };
  }
  const ids = awsKeyIds(value);
  if (ids[0]) return { secret: ids[0], what: 'an AWS access key id' };
  if (kind === 'variable') {
    const field = sensitiveField(name.slice('AIRFLOW_VAR_'.length));
    const secret = field ? secretValueFor(field, value) : null;
    if (secret) return { secret, what: 'a sensitive variable' };
  }
  return null;
}

/** Dict sections that describe fields for a UI or docs (provider `placeholders`, `examples`), not values. */
const DOC_SECTIONS = new Set(['placeholders', 'placeholder', 'examples', 'example', 'hints', 'hint', 'labels', 'descriptions', 'help']);

/** Kubernetes `Secret(...)` objects name a Kubernetes secret; they hold none. */
function isKubernetesSecret(callee: string | null): boolean {
  return !!callee && /(^|\.)(Secret|V1SecretKeySelector|V1SecretVolumeSource|V1SecretEnvSource)$/.test(callee);
}

function classify(list: readonly StringBinding[], i: number, ctx: Ctx): SecurityFinding | null {
  const b = list[i]!;
  if (b.templated) return null;
  const first = firstArgument(list, i, ctx);
  const finding = (rule: SecurityRuleId, secret: string, what: string, name: string | null = b.name): SecurityFinding => ({
    rule, binding: b, at: b.bindingLoc, secret, what, name: name === null ? null : safeName(name),
  });

  // 1. Environment variables Airflow and the AWS SDK read credentials from.
  const env = envName(b, first);
  const envKind = credentialEnv(env);
  if (env && envKind) {
    const s = secretInEnvValue(envKind, env, b.value);
    return s ? finding('hardcoded-connection-env', s.secret, s.what, env) : null;
  }

  // 2. AWS access key ids anywhere; secret keys and session tokens by name (also inside JSON strings).
  const keyId = awsKeyIds(b.value)[0];
  if (keyId) return finding('hardcoded-aws-credentials', keyId, 'AWS access key id');
  const aws = awsSecretName(b.name);
  if (aws && b.kind !== 'other' && b.kind !== 'argument') {
    const v = awsSecretValue(b.value);
    return v ? finding('hardcoded-aws-credentials', v, `AWS ${aws}`) : null;
  }
  const doc = parseJsonString(b.value);
  const inJson = doc !== null ? jsonSecrets(doc) : [];
  const awsInJson = inJson.find((s) => s.aws);
  if (awsInJson) return finding('hardcoded-aws-credentials', awsInJson.value, `AWS ${awsInJson.aws} ("${safeName(awsInJson.key)}" in a JSON string)`);

  // 3. user:password@ in a URI.
  const uri = uriCredentials(b.value)[0];
  if (uri) return finding('credentials-in-uri', uri.password, `${uri.scheme}:// URI`);

  // 4. Private keys anywhere; values of sensitive names; sensitive keys of JSON strings.
  const pem = pemPrivateKey(b.value);
  if (pem) return finding('hardcoded-secret', pem, 'private key');
  if (inJson[0]) return finding('hardcoded-secret', inJson[0].value, `"${safeName(inJson[0].key)}" in a JSON string`);
  if (isKubernetesSecret(b.callee) || b.path.some((p) => DOC_SECTIONS.has(normalizeName(p)))) return null;
  if (b.kind === 'keyword' || b.kind === 'dict-entry' || b.kind === 'assignment' || b.kind === 'environ') {
    const field = sensitiveField(b.name);
    const v = field ? secretValueFor(field, b.value) : null;
    return v ? finding('hardcoded-secret', v, safeName(b.name!)) : null;
  }
  if (first && isVariableSet(b.callee)) {
    const field = sensitiveField(first.value);
    const v = field ? secretValueFor(field, b.value) : null;
    return v ? finding('hardcoded-secret', v, `Variable "${safeName(first.value)}"`, first.value) : null;
  }
  return null;
}

/**
 * A name safe to print: identifiers and short keys. Anything else (long or random-looking text, a key
 * id) may be a secret used as a dict key or variable name, and is replaced.
 */
export function safeName(name: string): string {
  const ok = /^[\w .:/-]{1,48}$/.test(name) && awsKeyIds(name).length === 0 && !(name.length >= 20 && entropy(name) > 4);
  return ok ? name : '<key>';
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Also the role ARNs: a separate pass, as a role ARN is never a credential. */
function roleArnFinding(b: StringBinding): SecurityFinding | null {
  if (b.kind === 'other' || b.kind === 'argument' || !isRoleName(b.name)) return null;
  const arn = parseRoleArn(b.value);
  return arn ? { rule: 'hardcoded-role-arn', binding: b, at: b.bindingLoc, secret: arn.account, what: `${arn.resource}/${arn.name}`, name: b.name } : null;
}

const cache = new WeakMap<readonly StringBinding[], SecurityFinding[]>();

/** Every security finding of a file's literals, at most one per literal, in source order. */
export function securityFindings(strings: readonly StringBinding[], text: string): SecurityFinding[] {
  const hit = cache.get(strings);
  if (hit) return hit;
  const ctx: Ctx = { text, lineStarts: lineStartsOf(text) };
  const out: SecurityFinding[] = [];
  for (let i = 0; i < strings.length; i++) {
    const f = classify(strings, i, ctx) ?? roleArnFinding(strings[i]!);
    if (f) out.push(f);
  }
  cache.set(strings, out);
  return out;
}
