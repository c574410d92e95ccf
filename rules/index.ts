// The registry: every rule airlint ships, in one explicit list (a test checks it matches rules/*.ts).
import type { AnyRule } from '../src/engine/rule.js';
import dagCycle from './dag-cycle.js';
import duplicateDagId from './duplicate-dag-id.js';
import duplicateTaskId from './duplicate-task-id.js';
import invalidSchedule from './invalid-schedule.js';
import missingSchedule from './missing-schedule.js';
import deprecatedScheduleArgument from './deprecated-schedule-argument.js';
import dynamicStartDate from './dynamic-start-date.js';
import missingStartDate from './missing-start-date.js';
import implicitCatchup from './implicit-catchup.js';
import naiveStartDate from './naive-start-date.js';
import endDateBeforeStartDate from './end-date-before-start-date.js';
import continuousMaxActiveRuns from './continuous-max-active-runs.js';
import invalidTimezone from './invalid-timezone.js';
import invalidSuppression from './invalid-suppression.js';
import missingRetries from './missing-retries.js';
import invalidRetries from './invalid-retries.js';
import unboundedRetryBackoff from './unbounded-retry-backoff.js';
import missingExecutionTimeout from './missing-execution-timeout.js';
import sensorWithoutTimeout from './sensor-without-timeout.js';
import missingFailureAlert from './missing-failure-alert.js';
import emailAlertWithoutRecipient from './email-alert-without-recipient.js';
import removedSla from './removed-sla.js';
import failureMaskingLeaf from './failure-masking-leaf.js';
import retryCallbackWithoutRetries from './retry-callback-without-retries.js';
import missingDagrunTimeout from './missing-dagrun-timeout.js';
import invalidId from './invalid-id.js';
import invalidTriggerRule from './invalid-trigger-rule.js';
import taskWithoutDag from './task-without-dag.js';
import dagArgInDefaultArgs from './dag-arg-in-default-args.js';
import emptyDag from './empty-dag.js';
import parseTimeIo from './parse-time-io.js';
import syntaxError from './syntax-error.js';
import unusedSuppression from './unused-suppression.js';

export const rules: readonly AnyRule[] = [
  syntaxError,
  dagCycle,
  duplicateTaskId,
  duplicateDagId,
  invalidSchedule,
  missingSchedule,
  deprecatedScheduleArgument,
  dynamicStartDate,
  missingStartDate,
  implicitCatchup,
  naiveStartDate,
  endDateBeforeStartDate,
  continuousMaxActiveRuns,
  invalidTimezone,
  missingRetries,
  invalidRetries,
  unboundedRetryBackoff,
  missingExecutionTimeout,
  sensorWithoutTimeout,
  missingFailureAlert,
  emailAlertWithoutRecipient,
  removedSla,
  failureMaskingLeaf,
  retryCallbackWithoutRetries,
  missingDagrunTimeout,
  invalidId,
  invalidTriggerRule,
  taskWithoutDag,
  dagArgInDefaultArgs,
  emptyDag,
  parseTimeIo,
  unusedSuppression,
  invalidSuppression,
];
