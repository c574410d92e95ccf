// The shared detection logic of the security rules (src/model/secrets.ts).
import { describe, expect, it } from 'vitest';
import { buildFileModel } from '../src/model/index.js';
import { PythonParser } from '../src/parse/parser.js';
import { grammarPath } from '../src/grammar.js';
import {
  awsKeyIds,
  awsSecretName,
  credentialEnv,
  credentialOf,
  isPlaceholder,
  isRoleName,
  jsonSecrets,
  normalizeName,
  parseJsonString,
  parseRoleArn,
  pemPrivateKey,
  safeName,
  securityFindings,
  sensitiveField,
  uriCredentials,
  wildcardStatements,
} from '../src/model/secrets.js';

describe('sensitive names (Airflow secrets masker semantics, narrowed)', () => {
  it('normalizes case, camelCase and punctuation like Airflow 3', () => {
    expect(normalizeName('X-API-Key')).toBe('x_api_key');
    expect(normalizeName('clientSecret')).toBe('client_secret');
    expect(normalizeName('SecretAccessKey')).toBe('secret_access_key');
  });
  it('matches Airflow fields contained in the name', () => {
    for (const n of ['password', 'db_password', 'DB_PASSWD', 'X-API-Key', 'apikey', 'clientSecret', 'SLACK_TOKEN', 'Authorization', 'private_key', 'passwords'])
      expect(sensitiveField(n), n).not.toBeNull();
  });
  it('leaves out references, longer words and non-credential tokens', () => {
    for (const n of ['secret_name', 'SecretId', 'token_url', 'private_key_file', 'password_variable', 'tokenizer', 'secretary', 'NextToken', 'max_tokens', 'ClientToken', 'secrets_backend', 'region', null])
      expect(sensitiveField(n), String(n)).toBeNull();
  });
  it('knows the AWS secret names', () => {
    expect(awsSecretName('aws_secret_access_key')).toBe('secret access key');
    expect(awsSecretName('SessionToken')).toBe('session token');
    expect(awsSecretName('aws_access_key_id')).toBeNull();
  });
});

describe('values', () => {
  it('treats placeholders as no credential', () => {
    for (const v of ['changeme', '<password>', 'your-api-key', '********', 'xxxxxxxx', '${TOKEN}', '%(password)s', '{token}', 'airflow', 'password123', 'my-example-secret', 'T00000000/XXXXXXXX'])
      expect(isPlaceholder(v), v).toBe(true);
    expect(isPlaceholder('Zq7rP2mXw9Lk')).toBe(false);
  });
  it('extracts the credential of a value, or null', () => {
    expect(credentialOf('Bearer abc123def456')).toBe('abc123def456');
    expect(credentialOf('Zq7rP2mXw9Lk')).toBe('Zq7rP2mXw9Lk');
    for (const v of ['', 'abc', 'Bearer', 'Bearer {{ conn.x.password }}', 'two words', '{{ conn.x.password }}', 'arn:aws:secretsmanager:eu-west-1:1:secret:x', 'prod/db/password', '/opt/keys/id_rsa', 'db_password', 'airflow.providers.x.Backend', 'Passwords'])
      expect(credentialOf(v), v).toBeNull();
  });
});

describe('patterns', () => {
  it('finds AWS access key ids, except documentation keys and fillers', () => {
    expect(awsKeyIds('export AWS_ACCESS_KEY_ID=AKIAZ3MHQR7TYX2LPW4N;')).toEqual(['AKIAZ3MHQR7TYX2LPW4N']);
    expect(awsKeyIds('ASIAQ7WRT2MNX4KLP9ZD')).toEqual(['ASIAQ7WRT2MNX4KLP9ZD']);
    expect(awsKeyIds('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(awsKeyIds('AKIAXXXXXXXXXXXXXXXX')).toEqual([]);
    expect(awsKeyIds('XAKIAZ3MHQR7TYX2LPW4N')).toEqual([]);
  });
  it('finds user:password@ in URIs, decoding and skipping templates and placeholders', () => {
    expect(uriCredentials('postgresql://etl:s3cR%40t99@db/x')).toEqual([{ scheme: 'postgresql', user: 'etl', password: 's3cR@t99' }]);
    expect(uriCredentials('redis://:Tg7Hq2Lm9Zx4@redis:6379/0')[0]?.password).toBe('Tg7Hq2Lm9Zx4');
    for (const v of ['postgresql://etl@db/x', 'postgresql://etl:{{conn.x.password}}@db', 'postgresql://u:password@h', 'postgresql://%s:%s@%s', 'https://example.com/a:b@c'])
      expect(uriCredentials(v), v).toEqual([]);
  });
  it('finds PEM private keys with a body', () => {
    const body = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
    expect(pemPrivateKey(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`)).not.toBeNull();
    expect(pemPrivateKey('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toBeNull();
  });
});

describe('JSON in strings', () => {
  it('parses objects and arrays only', () => {
    expect(parseJsonString('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonString('not json')).toBeNull();
    expect(parseJsonString('{broken')).toBeNull();
  });
  it('finds sensitive keys at any depth, also in JSON inside JSON', () => {
    const doc = parseJsonString('{"extra": {"aws_secret_access_key": "Tz8qM1nB4vC7xL0kJ3hG6fD9sA2pO5iU8yR1eW4q"}, "inner": "{\\"api_key\\": \\"pk_live_51HxQ2eKf8\\"}"}');
    expect(jsonSecrets(doc).map((s) => [s.key, s.aws ?? s.field])).toEqual([
      ['aws_secret_access_key', 'secret access key'],
      ['api_key', 'api_key'],
    ]);
    expect(jsonSecrets(parseJsonString('{"keyfile_dict": "{\\"type\\": \\"service_account\\", \\"project_id\\": \\"p\\"}"}'))).toEqual([]);
  });
});

describe('IAM', () => {
  it('parses role and instance-profile ARNs with real account ids', () => {
    expect(parseRoleArn('arn:aws:iam::482913650172:role/etl/runner')).toEqual({ partition: 'aws', account: '482913650172', resource: 'role', name: 'etl/runner' });
    expect(parseRoleArn('arn:aws-cn:iam::482913650172:instance-profile/emr')?.resource).toBe('instance-profile');
    for (const v of ['arn:aws:iam::123456789012:role/x', 'arn:aws:iam::000000000000:role/x', 'arn:aws:sns:eu-west-1:482913650172:t', 'EMR_DefaultRole'])
      expect(parseRoleArn(v), v).toBeNull();
  });
  it('recognizes role names', () => {
    for (const n of ['role_arn', 'iam_roles', 'JobFlowRole', 'ExecutionRoleArn', 'role', 'jobflowrole']) expect(isRoleName(n), n).toBe(true);
    for (const n of ['console', 'arn', 'controller', null]) expect(isRoleName(n), String(n)).toBe(false);
  });
  it('counts statements allowing * on *', () => {
    expect(wildcardStatements({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })).toBe(1);
    expect(wildcardStatements({ Statement: { Effect: 'Allow', Action: ['*'], Resource: ['*'] } })).toBe(1);
    expect(wildcardStatements({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).toBe(0);
    expect(wildcardStatements(null)).toBe(0);
  });
});

describe('environment and printing', () => {
  it('knows the credential environment variables', () => {
    expect(credentialEnv('AIRFLOW_CONN_WAREHOUSE')).toBe('connection');
    expect(credentialEnv('AIRFLOW_VAR_X')).toBe('variable');
    expect(credentialEnv('AWS_SESSION_TOKEN')).toBe('aws');
    expect(credentialEnv('AWS_DEFAULT_REGION')).toBeNull();
  });
  it('never prints a name that may itself be a secret', () => {
    expect(safeName('db_password')).toBe('db_password');
    expect(safeName('AKIAZ3MHQR7TYX2LPW4N')).toBe('<key>');
    expect(safeName('q8Vd3Jk+F1mZr0aLx7TnW2pYc5HsE9uBgK4iRoN6')).toBe('<key>');
  });
});

describe('securityFindings', () => {
  async function findings(text: string): Promise<[string, number, string][]> {
    const parsed = (await PythonParser.create(grammarPath())).parse(text);
    try {
      return securityFindings(buildFileModel(parsed).strings(), text).map((f) => [f.rule, f.at.line, f.what]);
    } finally {
      parsed.dispose();
    }
  }
  it('reports each literal once, by the most specific rule', async () => {
    expect(
      await findings(`import os
from os import environ
os.environ["AIRFLOW_CONN_PG"] = "postgresql://etl:Wq8zL2mN5vR1@db/x"
environ.setdefault("AWS_ACCESS_KEY_ID", "AKIAZ3MHQR7TYX2LPW4N")
uri = "postgresql://etl:Wq8zL2mN5vR1@db/x"
creds = {"aws_secret_access_key": "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", "password": "Zq7rP2mXw9Lk"}
role = {"role_arn": "arn:aws:iam::482913650172:role/etl"}
`),
    ).toEqual([
      ['hardcoded-connection-env', 3, 'a password in the URI'],
      ['hardcoded-connection-env', 4, 'AWS_ACCESS_KEY_ID'],
      ['credentials-in-uri', 5, 'postgresql:// URI'],
      ['hardcoded-aws-credentials', 6, 'AWS secret access key'],
      ['hardcoded-secret', 6, 'password'],
      ['hardcoded-role-arn', 7, 'role/etl'],
    ]);
  });
  it('pairs positional names and values of one call only', async () => {
    expect(await findings('import os\nos.putenv("A", x)\nos.putenv(NAME, "AKIA")\nVariable = None\n')).toEqual([]);
    expect(await findings('from airflow.models import Variable\nVariable.set("api_key", "rk_4c9e1f2a7b3d8e6f")\n')).toEqual([['hardcoded-secret', 2, 'Variable "api_key"']]);
  });
});
