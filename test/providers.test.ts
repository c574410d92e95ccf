// Operator knowledge (src/model/providers.ts over the generated providers.data.ts): spot checks of
// facts that reference/airflow-aws-facts.md cites from the providers' source, old import paths, and
// the shape of the generated table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIASES, OPERATORS } from '../src/model/providers.data.js';
import {
  baseOperatorParams,
  canonicalOperatorName,
  isKnownSensor,
  operatorAliasSource,
  operatorFacts,
  providerSources,
} from '../src/model/providers.js';

const AWS = 'airflow.providers.amazon.aws';

function facts(qname: string) {
  const found = operatorFacts(qname);
  if (!found) throw new Error(`no facts for ${qname}`);
  return found;
}

describe('Amazon provider facts', () => {
  it('EmrCreateJobFlowOperator uses emr_default for the EMR connection and aws_default for credentials', () => {
    const emr = facts(`${AWS}.operators.emr.EmrCreateJobFlowOperator`);
    expect(emr.kind).toBe('operator');
    expect(emr.connArgs).toEqual({ emr_conn_id: 'emr_default', aws_conn_id: 'aws_default' });
    expect(emr.params).toContain('job_flow_overrides');
    expect(emr.templateFields).toContain('job_flow_overrides');
    expect(emr.deferrable).toBe(true);
    expect(emr.source).toBe('apache-airflow-providers-amazon==9.39.0 airflow/providers/amazon/aws/operators/emr.py');
  });

  it('EmrAddStepsOperator does not wait by default and takes an execution role', () => {
    const steps = facts(`${AWS}.operators.emr.EmrAddStepsOperator`);
    expect(steps.waitForCompletion).toBe(false);
    expect(steps.roleArgs).toEqual(['execution_role_arn']);
    expect(steps.connArgs.aws_conn_id).toBe('aws_default');
  });

  it('EmrContainerOperator and EmrServerlessStartJobOperator wait by default', () => {
    expect(facts(`${AWS}.operators.emr.EmrContainerOperator`).waitForCompletion).toBe(true);
    expect(facts(`${AWS}.operators.emr.EmrServerlessStartJobOperator`).waitForCompletion).toBe(true);
  });

  it('RedshiftCreateClusterOperator has publicly_accessible, encrypted, role and password parameters', () => {
    const redshift = facts(`${AWS}.operators.redshift_cluster.RedshiftCreateClusterOperator`);
    expect(redshift.params).toEqual(expect.arrayContaining(['publicly_accessible', 'encrypted', 'master_user_password']));
    expect(redshift.roleArgs).toEqual(['iam_roles', 'default_iam_role_arn']);
    expect(redshift.templateFields).toContain('master_user_password');
    expect(redshift.waitForCompletion).toBe(false);
  });

  it('S3ToRedshiftOperator and RedshiftToS3Operator use redshift_default, and aws_default when aws_conn_id is not set', () => {
    for (const name of [`${AWS}.transfers.s3_to_redshift.S3ToRedshiftOperator`, `${AWS}.transfers.redshift_to_s3.RedshiftToS3Operator`]) {
      const transfer = facts(name);
      expect(transfer.connArgs).toEqual({ redshift_conn_id: 'redshift_default', aws_conn_id: 'aws_default' });
      expect(transfer.roleArgs).toEqual([]);
    }
  });

  it('DynamoDBToS3Operator: dest_aws_conn_id falls back to source_aws_conn_id (aws_default)', () => {
    expect(facts(`${AWS}.transfers.dynamodb_to_s3.DynamoDBToS3Operator`).connArgs).toEqual({
      source_aws_conn_id: 'aws_default',
      dest_aws_conn_id: 'aws_default',
    });
  });

  it('GlueJobOperator has retry_limit and the two role parameters, and waits by default', () => {
    const glue = facts(`${AWS}.operators.glue.GlueJobOperator`);
    expect(glue.params).toContain('retry_limit');
    expect(glue.roleArgs).toEqual(['iam_role_name', 'iam_role_arn']);
    expect(glue.waitForCompletion).toBe(true);
  });

  it('LambdaInvokeFunctionOperator has invocation_type; LambdaCreateFunctionOperator takes a role', () => {
    expect(facts(`${AWS}.operators.lambda_function.LambdaInvokeFunctionOperator`).params).toContain('invocation_type');
    expect(facts(`${AWS}.operators.lambda_function.LambdaCreateFunctionOperator`).roleArgs).toEqual(['role']);
  });

  it('S3KeySensor and the EMR sensors are sensors; operators are not', () => {
    expect(isKnownSensor(`${AWS}.sensors.s3.S3KeySensor`)).toBe(true);
    expect(facts(`${AWS}.sensors.s3.S3KeySensor`).connArgs).toEqual({ aws_conn_id: 'aws_default' });
    expect(isKnownSensor(`${AWS}.sensors.emr.EmrStepSensor`)).toBe(true);
    expect(isKnownSensor(`${AWS}.operators.emr.EmrAddStepsOperator`)).toBe(false);
    expect(isKnownSensor('airflow.providers.example.NotAClass')).toBe(false);
  });

  it('takes acl_policy on S3CreateObjectOperator and s3_acl_policy on GCSToS3Operator', () => {
    expect(facts(`${AWS}.operators.s3.S3CreateObjectOperator`).params).toContain('acl_policy');
    const gcs = facts(`${AWS}.transfers.gcs_to_s3.GCSToS3Operator`);
    expect(gcs.params).toContain('s3_acl_policy');
    expect(gcs.connArgs).toEqual({ gcp_conn_id: 'google_cloud_default', dest_aws_conn_id: 'aws_default' });
  });
});

describe('SQL, core and other providers', () => {
  it('SQLExecuteQueryOperator takes conn_id (default None), not a provider-specific conn keyword', () => {
    const sql = facts('airflow.providers.common.sql.operators.sql.SQLExecuteQueryOperator');
    expect(sql.connArgs).toEqual({ conn_id: null });
    expect(sql.params).not.toContain('postgres_conn_id');
    expect(sql.params).not.toContain('redshift_conn_id');
  });

  it('the SQL check operators share conn_id; BranchSQLOperator defaults it to "default_conn_id"', () => {
    for (const op of ['SQLCheckOperator', 'SQLValueCheckOperator', 'SQLColumnCheckOperator', 'SQLTableCheckOperator', 'SQLIntervalCheckOperator', 'SQLThresholdCheckOperator']) {
      expect(facts(`airflow.providers.common.sql.operators.sql.${op}`).connArgs).toEqual({ conn_id: null });
    }
    expect(facts('airflow.providers.common.sql.operators.sql.BranchSQLOperator').connArgs).toEqual({ conn_id: 'default_conn_id' });
  });

  it('removed provider-specific SQL operators keep their own conn keyword (and not conn_id)', () => {
    const redshiftSql = facts(`${AWS}.operators.redshift_sql.RedshiftSQLOperator`);
    expect(redshiftSql.connArgs).toEqual({ redshift_conn_id: 'redshift_default' });
    expect(redshiftSql.source).toMatch(/^apache-airflow-providers-amazon==7\.4\.1 /);
    const postgres = facts('airflow.providers.postgres.operators.postgres.PostgresOperator');
    expect(postgres.connArgs).toEqual({ postgres_conn_id: 'postgres_default' });
    expect(postgres.params).not.toContain('conn_id');
  });

  it('knows the core operators of Airflow 2 and of the standard provider', () => {
    expect(facts('airflow.operators.bash.BashOperator').params).toContain('bash_command');
    expect(facts('airflow.providers.standard.operators.bash.BashOperator').params).toContain('bash_command');
    expect(facts('airflow.operators.python.PythonOperator').params).toContain('python_callable');
    expect(facts('airflow.providers.standard.operators.python.PythonOperator').params).toContain('python_callable');
    expect(facts('airflow.operators.empty.EmptyOperator').params).toEqual([]);
    expect(facts('airflow.operators.trigger_dagrun.TriggerDagRunOperator').waitForCompletion).toBe(false);
    expect(isKnownSensor('airflow.sensors.external_task.ExternalTaskSensor')).toBe(true);
    expect(isKnownSensor('airflow.providers.standard.sensors.external_task.ExternalTaskSensor')).toBe(true);
    expect(facts('airflow.providers.http.operators.http.HttpOperator').connArgs).toEqual({ http_conn_id: 'http_default' });
  });

  it('lists the BaseOperator and BaseSensorOperator parameters once', () => {
    expect(baseOperatorParams('operator')).toEqual(expect.arrayContaining(['task_id', 'retries', 'on_failure_callback', 'trigger_rule']));
    expect(baseOperatorParams('operator')).not.toContain('poke_interval');
    expect(baseOperatorParams('sensor')).toEqual(expect.arrayContaining(['poke_interval', 'mode', 'timeout', 'task_id']));
  });
});

describe('old import paths', () => {
  it('resolves Airflow 1 and 2 core paths to the canonical class', () => {
    const bash = facts('airflow.operators.bash_operator.BashOperator');
    expect(bash.qname).toBe('airflow.operators.bash.BashOperator');
    expect(bash.source).toBe('apache-airflow==2.10.5 airflow/operators/bash.py');
    expect(canonicalOperatorName('airflow.operators.BashOperator')).toBe('airflow.operators.bash.BashOperator');
    expect(canonicalOperatorName('airflow.operators.python_operator.PythonOperator')).toBe('airflow.operators.python.PythonOperator');
    expect(canonicalOperatorName('airflow.operators.dummy_operator.DummyOperator')).toBe('airflow.operators.empty.EmptyOperator');
    expect(operatorAliasSource('airflow.operators.bash_operator.BashOperator')).toBe('apache-airflow==2.10.5 airflow/operators/__init__.py (__deprecated_classes)');
    expect(operatorAliasSource('airflow.operators.bash.BashOperator')).toBeUndefined();
  });

  it('resolves old sensor paths and keeps them sensors', () => {
    expect(canonicalOperatorName('airflow.sensors.s3_key_sensor.S3KeySensor')).toBe(`${AWS}.sensors.s3.S3KeySensor`);
    expect(isKnownSensor('airflow.sensors.s3_key_sensor.S3KeySensor')).toBe(true);
    expect(isKnownSensor('airflow.operators.sensors.S3KeySensor')).toBe(true);
    expect(isKnownSensor(`${AWS}.sensors.emr_step.EmrStepSensor`)).toBe(true);
  });

  it('resolves airflow.contrib and the Amazon modules removed in provider 5.0.0 and 8.0.0', () => {
    expect(canonicalOperatorName('airflow.contrib.operators.emr_create_job_flow_operator.EmrCreateJobFlowOperator')).toBe(`${AWS}.operators.emr.EmrCreateJobFlowOperator`);
    expect(canonicalOperatorName(`${AWS}.operators.emr_create_job_flow.EmrCreateJobFlowOperator`)).toBe(`${AWS}.operators.emr.EmrCreateJobFlowOperator`);
    expect(operatorAliasSource(`${AWS}.operators.emr_create_job_flow.EmrCreateJobFlowOperator`)).toMatch(/^apache-airflow-providers-amazon==4\.1\.0 /);
    expect(canonicalOperatorName(`${AWS}.operators.emr_add_steps.EmrAddStepsOperator`)).toBe(`${AWS}.operators.emr.EmrAddStepsOperator`);
    expect(canonicalOperatorName(`${AWS}.operators.aws_lambda.AwsLambdaInvokeFunctionOperator`)).toBe(`${AWS}.operators.lambda_function.LambdaInvokeFunctionOperator`);
    expect(canonicalOperatorName(`${AWS}.operators.ecs.EcsOperator`)).toBe(`${AWS}.operators.ecs.EcsRunTaskOperator`);
    expect(canonicalOperatorName('airflow.operators.s3_to_redshift_operator.S3ToRedshiftTransfer')).toBe(`${AWS}.transfers.s3_to_redshift.S3ToRedshiftOperator`);
    expect(canonicalOperatorName('airflow.providers.http.operators.http.SimpleHttpOperator')).toBe('airflow.providers.http.operators.http.HttpOperator');
  });

  it('knows nothing about names it was not told', () => {
    expect(operatorFacts('airflow.operators.bash_operator.Popen')).toBeUndefined();
    expect(operatorFacts('my_company.operators.CustomOperator')).toBeUndefined();
    expect(canonicalOperatorName('')).toBeUndefined();
  });

  it('returns the same frozen object for a class and its aliases', () => {
    const a = facts('airflow.operators.bash.BashOperator');
    expect(facts('airflow.operators.bash_operator.BashOperator')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.connArgs)).toBe(true);
  });
});

describe('the generated table', () => {
  const dataFile = path.join(import.meta.dirname, '..', 'src', 'model', 'providers.data.ts');
  const text = readFileSync(dataFile, 'utf8');
  const header = text.slice(0, text.indexOf('export '));

  it('names in its header every wheel it was read from, with the command that regenerates it', () => {
    expect(providerSources()).toEqual(expect.arrayContaining(['apache-airflow-providers-amazon==9.39.0', 'apache-airflow-providers-common-sql==2.4.0', 'apache-airflow==2.10.5']));
    for (const source of providerSources()) expect(header).toContain(source);
    expect(header).toContain('python3 oracle/gen_provider_facts.py');
  });

  it('stays small enough to load on every run', () => {
    expect(Buffer.byteLength(text)).toBeLessThan(300_000);
    expect(OPERATORS.length).toBeGreaterThan(300);
  });

  it('is sorted, has unique names, and every alias leads to an entry', () => {
    const names = OPERATORS.map((row) => row[0]);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    for (const [old, target] of ALIASES) {
      expect(names.includes(old), old).toBe(false);
      expect(operatorFacts(target)?.qname, old).toBe(target);
    }
  });

  it('has self-consistent rows: conn and role args are parameters, deferrable matches the parameter list', () => {
    const problems: string[] = [];
    for (const [qname] of OPERATORS) {
      const f = facts(qname);
      for (const name of Object.keys(f.connArgs)) {
        if (!/^(?:[a-z0-9]+_)*conn_id$/.test(name) || !f.params.includes(name)) problems.push(`${qname}: conn ${name}`);
      }
      for (const role of f.roleArgs) if (!f.params.includes(role)) problems.push(`${qname}: role ${role}`);
      if (f.deferrable !== f.params.includes('deferrable')) problems.push(`${qname}: deferrable`);
      if (f.waitForCompletion !== null && !f.params.includes('wait_for_completion')) problems.push(`${qname}: wait`);
      if (!/^apache-airflow(?:-providers-[a-z-]+)?==\d/.test(f.source)) problems.push(`${qname}: source ${f.source}`);
    }
    expect(problems).toEqual([]);
  });
});
