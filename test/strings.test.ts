// The string bindings security rules read: what each literal is bound to, across the whole file.
import { describe, expect, it } from 'vitest';
import { buildFileModel, type StringBinding } from '../src/model/index.js';
import { PythonParser } from '../src/parse/parser.js';
import { grammarPath } from '../src/grammar.js';

async function strings(text: string): Promise<StringBinding[]> {
  const parsed = (await PythonParser.create(grammarPath())).parse(text);
  try {
    return [...buildFileModel(parsed).strings()];
  } finally {
    parsed.dispose();
  }
}

describe('string bindings', () => {
  it('binds keyword arguments to the resolved callee, through nested dicts, in code that never runs at import too', async () => {
    const s = await strings(`"""Module docstring is skipped."""
import os
from airflow.models import Connection as Conn
import boto3

c = Conn(conn_id="aws", login="AKIA", extra={"aws_secret_access_key": "s3cr3t", "nested": {"token": "t"}})
client = boto3.client("s3", aws_access_key_id="id")
os.environ["AIRFLOW_CONN_X"] = "postgres://u:p@h/db"
PASSWORD = "hunter22"
templ = "{{ conn.x.password }}"

def task_body():
    headers = {"Authorization": "Bearer abc"}
`);
    const by = (v: string): StringBinding => s.find((b) => b.value === v)!;
    expect(s.some((b) => b.value.startsWith('Module'))).toBe(false);
    expect(by('aws')).toMatchObject({ kind: 'keyword', name: 'conn_id', callee: 'airflow.models.Connection', path: ['conn_id'] });
    expect(by('s3cr3t')).toMatchObject({ kind: 'dict-entry', name: 'aws_secret_access_key', callee: 'airflow.models.Connection', path: ['extra', 'aws_secret_access_key'] });
    expect(by('t')).toMatchObject({ name: 'token', path: ['extra', 'nested', 'token'] });
    expect(by('s3')).toMatchObject({ kind: 'argument', callee: 'boto3.client', argIndex: 0 });
    expect(by('id')).toMatchObject({ kind: 'keyword', name: 'aws_access_key_id', callee: 'boto3.client' });
    expect(by('postgres://u:p@h/db')).toMatchObject({ kind: 'environ', name: 'AIRFLOW_CONN_X' });
    expect(by('hunter22')).toMatchObject({ kind: 'assignment', name: 'PASSWORD' });
    expect(by('{{ conn.x.password }}').templated).toBe(true);
    expect(by('Bearer abc')).toMatchObject({ kind: 'dict-entry', name: 'Authorization', callee: null });
    expect(by('s3cr3t').bindingLoc).toMatchObject({ line: 6, column: 46 });
  });
});
