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
import malformedConnId from './malformed-conn-id.js';
import unknownConnId from './unknown-conn-id.js';
import wrongConnIdArgument from './wrong-conn-id-argument.js';
import implicitDefaultConnection from './implicit-default-connection.js';
import hardcodedAwsCredentials from './hardcoded-aws-credentials.js';
import hardcodedSecret from './hardcoded-secret.js';
import credentialsInUri from './credentials-in-uri.js';
import hardcodedConnectionEnv from './hardcoded-connection-env.js';
import hardcodedRoleArn from './hardcoded-role-arn.js';
import wildcardIamPolicy from './wildcard-iam-policy.js';
import emrClusterNeverTerminates from './emr-cluster-never-terminates.js';
import emrMissingSecurityConfiguration from './emr-missing-security-configuration.js';
import emrMissingLogUri from './emr-missing-log-uri.js';
import emrDefaultRoles from './emr-default-roles.js';
import emrSpotPrimaryNode from './emr-spot-primary-node.js';
import emrStepNotAwaited from './emr-step-not-awaited.js';
import emrConnIsAwsConn from './emr-conn-is-aws-conn.js';
import redshiftPublicCluster from './redshift-public-cluster.js';
import redshiftUnencryptedCluster from './redshift-unencrypted-cluster.js';
import s3PublicAcl from './s3-public-acl.js';
import glueRetriesMultiplied from './glue-retries-multiplied.js';
import lambdaAsyncInvocation from './lambda-async-invocation.js';
import parseTimeIo from './parse-time-io.js';
import syntaxError from './syntax-error.js';
import unusedSuppression from './unused-suppression.js';
import unknownDagReference from './unknown-dag-reference.js';
import crossDagCycle from './cross-dag-cycle.js';

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
  malformedConnId,
  unknownConnId,
  wrongConnIdArgument,
  implicitDefaultConnection,
  hardcodedAwsCredentials,
  hardcodedSecret,
  credentialsInUri,
  hardcodedConnectionEnv,
  hardcodedRoleArn,
  wildcardIamPolicy,
  emrClusterNeverTerminates,
  emrMissingSecurityConfiguration,
  emrMissingLogUri,
  emrDefaultRoles,
  emrSpotPrimaryNode,
  emrStepNotAwaited,
  emrConnIsAwsConn,
  redshiftPublicCluster,
  redshiftUnencryptedCluster,
  s3PublicAcl,
  glueRetriesMultiplied,
  lambdaAsyncInvocation,
  parseTimeIo,
  unknownDagReference,
  crossDagCycle,
  unusedSuppression,
  invalidSuppression,
];
