// Airflow's validation of dag_id, task_id and group_id, and the TriggerRule values of each version.
// Sources (checked in installed Airflow 2.10.5, 2.11.2, 3.0.6 and 3.3.2):
// - 2.x `airflow/utils/helpers.py`: KEY_REGEX = r"^[\w.-]+$", GROUP_KEY_REGEX = r"^[\w-]+$",
//   validate_key(k, max_length=250), validate_group_key(k, max_length=200); DAG.__init__ and
//   BaseOperator.__init__ call validate_key (the task id after the group prefix is applied); TaskGroup
//   calls validate_group_key only when prefix_group_id is true, else it only requires a non-empty str.
// - 3.x `task-sdk/src/airflow/sdk/definitions/_internal/node.py`: the same regexes and limits; the
//   TaskGroup attrs validator runs validate_group_key on every group_id (whatever prefix_group_id says).
// - TriggerRule members: `airflow/utils/trigger_rule.py` in 2.1.4, 2.2.0, 2.3.0, 2.4.3, 2.5.0, 2.6.3, 2.7.0,
//   2.10.5; `airflow/task/trigger_rule.py` in 3.1.0 and 3.3.2; `airflow/utils/trigger_rule.py` in 3.0.6.

import { editDistance } from '../engine/suggest.js';

export const MAX_KEY_LENGTH = 250;
export const MAX_GROUP_KEY_LENGTH = 200;

/** A parsed `airflow-version` setting: major and (when given) minor; null when unknown or unsupported. */
export interface AirflowVersion {
  major: number;
  minor: number | null;
}

export function parseAirflowVersion(version: string | null): AirflowVersion | null {
  const m = version ? /^(\d+)(?:\.(\d+))?/.exec(version) : null;
  if (!m) return null;
  const major = Number(m[1]);
  if (major !== 2 && major !== 3) return null;
  return { major, minor: m[2] === undefined ? null : Number(m[2]) };
}

/** Characters Python's `\w` (Unicode) certainly matches, plus marks (kept valid so airlint stays silent when unsure). */
const WORD = /[\p{L}\p{N}\p{M}_]/u;

/** Characters of a key that Airflow's regex rejects (deduplicated, in order); `dots` says whether `.` is allowed. */
function badChars(key: string, dots: boolean): string[] {
  // Python's `$` also matches before one trailing newline, so "id\n" passes KEY_REGEX.
  const body = key.endsWith('\n') ? key.slice(0, -1) : key;
  const bad: string[] = [];
  for (const ch of body) {
    if (WORD.test(ch) || ch === '-' || (dots && ch === '.')) continue;
    if (!bad.includes(ch)) bad.push(ch);
  }
  return bad;
}

export type KeyProblem =
  | { kind: 'empty' }
  | { kind: 'length'; length: number; max: number }
  | { kind: 'chars'; chars: string[] };

/** Python's len(): code points, not UTF-16 units. */
export function pyLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** `validate_key` (dag_id, task_id): null when Airflow accepts the key. */
export function keyProblem(key: string, maxLength = MAX_KEY_LENGTH): KeyProblem | null {
  const length = pyLength(key);
  if (length > maxLength) return { kind: 'length', length, max: maxLength };
  if (key === '' || key === '\n') return { kind: 'empty' };
  const chars = badChars(key, true);
  return chars.length > 0 ? { kind: 'chars', chars } : null;
}

/** `validate_group_key` (group_id used as a prefix): no dots, at most 200 characters. */
export function groupKeyProblem(key: string): KeyProblem | null {
  const length = pyLength(key);
  if (length > MAX_GROUP_KEY_LENGTH) return { kind: 'length', length, max: MAX_GROUP_KEY_LENGTH };
  if (key === '' || key === '\n') return { kind: 'empty' };
  const chars = badChars(key, false);
  return chars.length > 0 ? { kind: 'chars', chars } : null;
}

/** Renders offending characters for a message: `" "`, `"/"`. */
export function showChars(chars: string[]): string {
  return chars.map((c) => JSON.stringify(c)).join(', ');
}

interface TriggerRuleInfo {
  /** First version with the value, as [major, minor]. */
  since: [number, number];
  /** First version without it. */
  removed?: [number, number];
  /** What to use instead, for removed values. */
  replacement?: string;
}

/** Every TriggerRule value Airflow 2.0 to 3.x has had (Airflow 2.0 and 2.1 had the first seven plus the two removed ones). */
export const TRIGGER_RULES: ReadonlyMap<string, TriggerRuleInfo> = new Map<string, TriggerRuleInfo>([
  ['all_success', { since: [2, 0] }],
  ['all_failed', { since: [2, 0] }],
  ['all_done', { since: [2, 0] }],
  ['one_success', { since: [2, 0] }],
  ['one_failed', { since: [2, 0] }],
  ['none_failed', { since: [2, 0] }],
  ['none_skipped', { since: [2, 0] }],
  ['none_failed_or_skipped', { since: [2, 0], removed: [3, 0], replacement: 'none_failed_min_one_success' }],
  ['dummy', { since: [2, 0], removed: [3, 0], replacement: 'always' }],
  ['always', { since: [2, 2] }],
  ['none_failed_min_one_success', { since: [2, 2] }],
  ['all_skipped', { since: [2, 3] }],
  ['one_done', { since: [2, 5] }],
  ['all_done_setup_success', { since: [2, 7] }],
  ['all_done_min_one_success', { since: [3, 1] }],
]);

const before = (a: [number, number], b: [number, number]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** Whether a trigger rule exists in some release covered by the version (any release when null). */
function existsIn(info: TriggerRuleInfo, v: AirflowVersion | null): boolean {
  if (!v) return true;
  // The releases the setting covers: exactly major.minor, or every minor of the major.
  const lo: [number, number] = [v.major, v.minor ?? 0];
  const hi: [number, number] = v.minor === null ? [v.major + 1, 0] : [v.major, v.minor + 1];
  const end = info.removed ?? [99, 0];
  return before(info.since, hi) && before(lo, end);
}

export type TriggerRuleProblem =
  | { kind: 'unknown'; valid: string[]; suggestion: string | null }
  | { kind: 'removed'; removedIn: string; replacement: string }
  | { kind: 'too-new'; since: string };

/** Why a trigger rule value is invalid for the version (null when some release it covers accepts it). */
export function triggerRuleProblem(value: string, version: AirflowVersion | null): TriggerRuleProblem | null {
  const info = TRIGGER_RULES.get(value);
  if (info && existsIn(info, version)) return null;
  if (info?.removed && version && !before(version.minor === null ? [version.major, 99] : [version.major, version.minor], info.removed)) {
    return { kind: 'removed', removedIn: `${info.removed[0]}.${info.removed[1]}`, replacement: info.replacement ?? 'all_success' };
  }
  if (info) return { kind: 'too-new', since: `${info.since[0]}.${info.since[1]}` };
  const valid = [...TRIGGER_RULES].filter(([, i]) => existsIn(i, version)).map(([k]) => k);
  const lower = value.toLowerCase();
  let suggestion: string | null = valid.includes(lower) ? lower : null;
  let best = 4;
  for (const v of suggestion ? [] : valid) {
    const d = editDistance(lower, v);
    if (d < best) [best, suggestion] = [d, v];
  }
  return { kind: 'unknown', valid, suggestion };
}

/** Qualified names of the TriggerRule enum (2.x, 3.0 and the 3.1+ locations, and the Task SDK re-export). */
const TRIGGER_RULE_ENUM = /^airflow\.(?:utils\.trigger_rule|task\.trigger_rule|sdk(?:\.[\w.]+)?)\.TriggerRule\.(\w+)(?:\.value)?$/;

/** The member name of a `TriggerRule.X` reference (`ALL_DONE`), or undefined when the name is not that enum. */
export function triggerRuleMember(qname: string): string | undefined {
  return TRIGGER_RULE_ENUM.exec(qname)?.[1];
}
