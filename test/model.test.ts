// Model goldens: every fixtures/model/*.py has a <name>.model.json with the `airlint inspect` JSON of it,
// and what the fixture's `# Airflow sees:` header claims (dag ids, task ids, edges, groups) must match
// the model wherever the model says it knows.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFileModel, serializeModel, strOf, taskLabel, type FileModel } from '../src/model/index.js';
import { PythonParser } from '../src/parse/parser.js';
import { grammarPath } from '../src/grammar.js';

const dir = path.join(import.meta.dirname, '..', 'fixtures', 'model');
const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
const parser = PythonParser.create(grammarPath());

async function model(file: string): Promise<FileModel> {
  const parsed = (await parser).parse(readFileSync(path.join(dir, file), 'utf8'));
  try {
    expect(parsed.syntaxProblems()).toEqual([]);
    return buildFileModel(parsed);
  } finally {
    parsed.dispose();
  }
}

interface Claim {
  dagId: string;
  tasks?: string[];
  edges?: string[];
  groups?: string[];
}

function claims(text: string): Claim[] | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#\s*Airflow sees:/.test(l));
  if (start < 0) return null;
  const out: Claim[] = [];
  for (let i = start + 1; i < lines.length && lines[i]!.startsWith('#'); i++) {
    const l = lines[i]!;
    const dag = /^#\s{2,3}dag:\s*(\S+)/.exec(l);
    if (dag) {
      out.push({ dagId: dag[1]! });
      continue;
    }
    const field = /^#\s{4,}(tasks|edges|groups):\s*(.*)$/.exec(l);
    const cur = out[out.length - 1];
    if (field && cur) {
      const items = field[2]!.split(',').map((s) => s.trim()).filter((s) => s && s !== '(none)' && s !== '-');
      cur[field[1] as 'tasks' | 'edges' | 'groups'] = items;
    }
  }
  return out;
}

describe('model goldens', () => {
  it.each(files)('%s', async (file) => {
    const m = await model(file);
    expect(m.internalErrors).toEqual([]);
    const json = `${JSON.stringify(serializeModel(`fixtures/model/${file}`, m), null, 2)}\n`;
    await expect(json).toMatchFileSnapshot(path.join(dir, file.replace(/\.py$/, '.model.json')));
  });
});

describe('model agrees with what Airflow sees', () => {
  const withClaims = files.filter((f) => claims(readFileSync(path.join(dir, f), 'utf8'))?.length);
  it.each(withClaims)('%s', async (file) => {
    const m = await model(file);
    for (const claim of claims(readFileSync(path.join(dir, file), 'utf8'))!) {
      if (claim.dagId.startsWith('<') || claim.dagId.startsWith('(')) continue;
      const dags = m.dags.filter((d) => strOf(d.dagId) === claim.dagId);
      expect(dags.length, `DAG ${claim.dagId} found`).toBeGreaterThan(0);
      const dag = dags[dags.length - 1]!;
      // What the model knows must be right; it may know less only when it says so (dag.incomplete).
      const complete = dag.incomplete.length === 0 && dag.tasks.every((t) => strOf(t.taskId) !== undefined);
      const knownTasks = [...new Set(dag.tasks.filter((t) => strOf(t.taskId) !== undefined).map(taskLabel))].sort();
      if (claim.tasks && !claim.tasks.some((t) => t.includes('<') || t.includes('('))) {
        const want = [...new Set(claim.tasks)].sort();
        if (complete) expect(knownTasks, `tasks of ${claim.dagId}`).toEqual(want);
        else expect(want, `tasks of ${claim.dagId} (model incomplete: ${dag.incomplete.join('; ')})`).toEqual(expect.arrayContaining(knownTasks));
      }
      if (claim.edges && !claim.edges.some((e) => e.includes('<') || e.includes('('))) {
        const got = [...new Set(dag.edges.map((e) => `${taskLabel(e.from)} >> ${taskLabel(e.to)}`).filter((e) => !e.includes('<')))].sort();
        const want = [...new Set(claim.edges.map((e) => e.replace(/\s+/g, ' ')))].sort();
        if (complete) expect(got, `edges of ${claim.dagId}`).toEqual(want);
        else expect(want, `edges of ${claim.dagId} (model incomplete: ${dag.incomplete.join('; ')})`).toEqual(expect.arrayContaining(got));
      }
      if (claim.groups) {
        expect(dag.groups.map((g) => strOf(g.groupId) ?? '?').sort(), `groups of ${claim.dagId}`).toEqual([...claim.groups].sort());
      }
    }
  });
});
