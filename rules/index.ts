// The registry: every rule airlint ships, in one explicit list (a test checks it matches rules/*.ts).
import type { AnyRule } from '../src/engine/rule.js';
import dagCycle from './dag-cycle.js';
import duplicateDagId from './duplicate-dag-id.js';
import duplicateTaskId from './duplicate-task-id.js';
import invalidSchedule from './invalid-schedule.js';
import invalidSuppression from './invalid-suppression.js';
import missingRetries from './missing-retries.js';
import syntaxError from './syntax-error.js';
import unusedSuppression from './unused-suppression.js';

export const rules: readonly AnyRule[] = [
  syntaxError,
  dagCycle,
  duplicateTaskId,
  duplicateDagId,
  invalidSchedule,
  missingRetries,
  unusedSuppression,
  invalidSuppression,
];
