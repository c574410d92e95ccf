// Facts the retry and alerting rules share: callbacks, durations, trigger rules and sensor defaults.
// Sources: Airflow 2.10 `airflow/models/baseoperator.py` (parse_retries, coerce_timedelta),
// `airflow/sensors/base.py`, `airflow/ti_deps/deps/trigger_rule_dep.py`, `airflow/models/dagrun.py`;
// Airflow 3 `task-sdk/src/airflow/sdk/bases/operator.py` and `bases/sensor.py`.
import type { Range } from '../engine/types.js';
import type { EffectiveArg, Py, TaskModel } from './types.js';
import { effectiveArg } from './effective.js';
import { asRetryCount, taskLabel } from './queries.js';
import { truthy } from './values.js';

/** Whether a callback value (`on_*_callback`) installs at least one callback; undefined when it cannot be told. */
export function callbackSet(py: Py): boolean | undefined {
  switch (py.t) {
    case 'none':
      return false;
    case 'func':
    case 'lambda':
    case 'ref':
    case 'instance':
    case 'partial':
      return true;
    case 'list': {
      // Airflow calls each item of a list; an empty list installs nothing.
      let unknownItem = false;
      for (const item of py.items) {
        if (item.k !== 'known') unknownItem = true;
        else if (callbackSet(item.py) !== false) return true;
      }
      return unknownItem ? undefined : false;
    }
    default:
      return undefined;
  }
}

/** An effective callback argument: 'set', 'none' (absent, None or an empty list) or 'unknown'. */
export function callbackState(eff: EffectiveArg): 'set' | 'none' | 'unknown' {
  if (eff.state === 'absent') return 'none';
  if (eff.state === 'unknown') return 'unknown';
  const set = callbackSet(eff.value.py);
  return set === undefined ? 'unknown' : set ? 'set' : 'none';
}

/** Seconds of a value Airflow's `coerce_timedelta` accepts (timedelta, int, float, bool), else undefined. */
export function durationSeconds(py: Py): number | undefined {
  switch (py.t) {
    case 'timedelta':
      return py.seconds;
    case 'int':
    case 'float':
      return py.v;
    case 'bool':
      return py.v ? 1 : 0;
    default:
      return undefined;
  }
}

/**
 * Types `timedelta(seconds=value)` raises a TypeError for, as Airflow's `coerce_timedelta` applies it to
 * `retry_delay` / `max_retry_delay` (instances and references are left alone: they may be timedelta subclasses).
 */
export function rejectedDurationType(py: Py): boolean {
  return py.t === 'str' || py.t === 'list' || py.t === 'dict' || py.t === 'datetime';
}

/** The effective retry count when it is certain (absent → 0, None → 0); undefined when unknown or unparseable. */
export function effectiveRetries(task: TaskModel): number | undefined {
  const eff = effectiveArg(task, 'retries');
  if (eff.state === 'absent') return 0;
  if (eff.state === 'unknown') return undefined;
  const n = asRetryCount(eff.value);
  return typeof n === 'number' ? n : undefined;
}

/** Truthiness of an effective argument: true/false, 'absent', or undefined when unknown. */
export function effectiveTruthy(eff: EffectiveArg): boolean | 'absent' | undefined {
  if (eff.state === 'absent') return 'absent';
  if (eff.state === 'unknown') return undefined;
  return truthy(eff.value.py);
}

/**
 * Trigger rules under which a task with one failed (or upstream_failed) upstream still runs, or ends
 * skipped, instead of becoming upstream_failed (trigger_rule_dep.py). A leaf with one of them ends in a
 * success state (success or skipped), and DagRun.update_state marks the run failed only when a leaf failed.
 */
export const FAILURE_MASKING_TRIGGER_RULES = new Set([
  'all_done',
  'all_failed',
  'all_skipped',
  'always',
  'dummy',
  'none_skipped',
  'one_done',
]);

/** Trigger rules of a task that runs because something failed (a "watcher" or a notification task). */
export const FAILURE_REACTION_TRIGGER_RULES = new Set(['one_failed', 'all_failed']);

/** The effective trigger rule as a string ('all_success' when absent); undefined when unknown. */
export function effectiveTriggerRule(task: TaskModel): { rule: string; eff: EffectiveArg } | undefined {
  const eff = effectiveArg(task, 'trigger_rule');
  if (eff.state === 'absent') return { rule: 'all_success', eff };
  if (eff.state === 'unknown') return undefined;
  const py = eff.value.py;
  if (py.t === 'str') return { rule: py.v, eff };
  // TriggerRule.ALL_DONE and friends are folded to refs or instances by the evaluator.
  const name = py.t === 'ref' || py.t === 'instance' ? py.qname : undefined;
  const m = name ? /\.TriggerRule\.([A-Z_]+)$/.exec(name) : null;
  return m ? { rule: m[1]!.toLowerCase(), eff } : undefined;
}

/** Airflow sensors whose own defaults differ from BaseSensorOperator's (checked in the installed providers). */
const RESCHEDULE_BY_DEFAULT = new Set(['airflow.providers.amazon.aws.sensors.glacier.GlacierJobOperationSensor']);

/**
 * Whether a sensor task keeps BaseSensorOperator's own defaults for mode (poke), deferrable and timeout.
 * False for `*Async` sensors (they always defer) and for sensors that default to reschedule mode.
 */
export function hasBaseSensorDefaults(task: TaskModel): boolean {
  if (task.kind !== 'sensor') return false;
  if (task.operator === 'taskflow') return task.decorator === 'task.sensor';
  if (RESCHEDULE_BY_DEFAULT.has(task.operator)) return false;
  const cls = task.operator.split('.').pop() ?? '';
  return !cls.includes('Async');
}

/**
 * Findings about one written value (a `default_args` entry shared by many tasks) collected per location,
 * so a rule reports each entry once, naming the tasks it affects.
 */
export class ByLocation<T> {
  private readonly groups = new Map<string, { at: Range; first: T; tasks: TaskModel[] }>();

  add(at: Range, task: TaskModel, data: T): void {
    const key = `${at.line}:${at.column}:${at.endLine}:${at.endColumn}`;
    const g = this.groups.get(key);
    if (g) {
      if (!g.tasks.includes(task)) g.tasks.push(task);
    } else this.groups.set(key, { at, first: data, tasks: [task] });
  }

  entries(): { at: Range; first: T; tasks: TaskModel[] }[] {
    return [...this.groups.values()];
  }
}

/** `"a"`, `"a", "b"`, or `"a", "b" and 3 more`, for messages. */
export function taskNames(tasks: TaskModel[]): string {
  const names = tasks.map((t) => `"${taskLabel(t)}"`);
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
