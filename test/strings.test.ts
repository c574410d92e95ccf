// The string bindings security rules read: what each literal is bound to, across the whole file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFileModel, type StringBinding } from '../src/model/index.js';
import { PythonParser } from '../src/parse/parser.js';
import { grammarPath } from '../src/grammar.js';

const repo = path.join(import.meta.dirname, '..');

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

describe('string bindings after an edit (the language server keeps its parse)', () => {
  // Every realistic file, edited at seeded places in the ways typing does (a letter, a quote, a bracket,
  // a newline, a comment, a deletion): the bindings kept from the previous parse and moved, plus those
  // collected again, must be exactly those of a fresh parse, positions included.
  const files = ['examples', 'corpus/clean']
    .flatMap((dir) => readdirSync(path.join(repo, 'fixtures', dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(repo, 'fixtures', dir, f)))
    .filter((f) => f.endsWith('.py'))
    .sort();
  const edits = ['x', '"', "'", '(', ')', '\n', '\n    ', '# ', ',', '=', '{', '"k": "v", ', '', '', ''];

  it('gives the bindings of a fresh parse after each of a chain of edits', async () => {
    const parser = await PythonParser.create(grammarPath());
    expect(files.length).toBeGreaterThan(20);
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let edited = 0;
    // And some with text beyond ASCII (columns and offsets count UTF-16 units, 🚀 is two of them).
    const texts = files.map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
    for (const { file, text } of texts.slice(0, 6)) texts.push({ file: `${file} (non-ASCII)`, text: `# Données — 数据 🚀\n${text.replace(/"([a-z_]+)"/g, '"$1_é🚀"')}` });
    for (const { file, text: original } of texts) {
      let previous = parser.parse(original, null, true);
      buildFileModel(previous).strings();
      // Edit, then take the edit back (as typing and deleting do), so the file mostly parses.
      for (let k = 0; k < 16; k++) {
        const at = next(original.length + 1);
        const insert = edits[next(edits.length)]!;
        const text = k % 2 === 1 ? original : insert === '' ? original.slice(0, at) + original.slice(at + 1 + next(3)) : original.slice(0, at) + insert + original.slice(at);
        const parsed = parser.parse(text, previous, true);
        previous.dispose();
        previous = parsed;
        if (parsed.syntaxProblems().length > 0) continue;
        const fresh = parser.parse(text);
        try {
          const want = buildFileModel(fresh).strings();
          expect(buildFileModel(parsed).strings(), `${file} after edit ${k} at ${at}`).toEqual(want);
          edited++;
        } finally {
          fresh.dispose();
        }
      }
      previous.dispose();
    }
    // Most edits leave a file that parses: the comparison really ran.
    expect(edited).toBeGreaterThan(texts.length * 3);
  });
});
