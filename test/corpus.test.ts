// The clean corpus: realistic, well-configured DAG files (classic operators, TaskFlow, airflow.sdk,
// TaskGroups, mapping, factories, shared default_args, AWS services) that every recommended rule must
// leave alone. A finding here is either a DAG that is not as clean as it looks (fix the DAG) or a
// false positive (fix the rule). Files are linted the way a folder walk would: only those Airflow's
// own heuristic treats as DAG files (helper modules such as common/alerts.py are skipped).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mightContainDag } from '../src/discover/index.js';
import { defaultSettings, ProjectIndex } from '../src/index.js';
import type { Diagnostic, FileResult, LintSettings } from '../src/index.js';
import { linter } from './support/linter.js';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'corpus', 'clean');

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__pycache__') out.push(...pythonFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.py')) out.push(full);
  }
  return out;
}

const all = pythonFiles(root)
  .map((full) => path.relative(root, full).split(path.sep).join('/'))
  .sort();
const texts = new Map(all.map((rel) => [rel, readFileSync(path.join(root, rel), 'utf8')]));
const dagFiles = all.filter((rel) => mightContainDag(texts.get(rel)!));

function show(d: Diagnostic): string {
  const where = [d.dagId && `dag ${d.dagId}`, d.taskId && `task ${d.taskId}`].filter(Boolean).join(', ');
  return `${d.path}:${d.line}:${d.column} ${d.rule} (${d.severity})${where ? ` [${where}]` : ''}: ${d.message}`;
}

/** Lints every DAG file of the corpus as one project (the cross-file rules see all of it), as `airlint check` does. */
async function lintCorpus(settingsOf: (rel: string) => LintSettings): Promise<Map<string, FileResult>> {
  const l = await linter();
  const analyses = dagFiles.map((rel) => ({ rel, settings: settingsOf(rel), analysis: l.analyzeText(texts.get(rel)!, `fixtures/corpus/clean/${rel}`, settingsOf(rel)) }));
  const index = new ProjectIndex(analyses.map((a) => ({ path: a.analysis.path, facts: a.analysis.facts })));
  return new Map(analyses.map((a) => [a.rel, l.finish(a.analysis, a.settings, index)]));
}
const plain = lintCorpus(() => defaultSettings());
const versioned = lintCorpus((rel) => defaultSettings(undefined, rel.startsWith('sdk/') ? '3.0' : '2.10'));

describe('clean corpus', () => {
  it('holds at least 30 DAG files', () => {
    expect(dagFiles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(dagFiles)('%s: no finding from any recommended rule', async (rel) => {
    const result = (await plain).get(rel)!;
    expect(result.internalErrors, result.internalErrors.map((e) => `${e.path} ${e.rule ?? 'model'}: ${e.message}`).join('\n')).toEqual([]);
    expect(result.diagnostics.map(show), `findings on a clean DAG file:\n${result.diagnostics.map(show).join('\n')}`).toEqual([]);
  });

  // The same files with the version they were written for configured (airflow-version), so the
  // version-gated rules run at their stricter severities: sdk/ is Airflow 3, the rest Airflow 2.10.
  it.each(dagFiles)('%s: no finding with airflow-version set', async (rel) => {
    const version = rel.startsWith('sdk/') ? '3.0' : '2.10';
    const result = (await versioned).get(rel)!;
    expect(result.internalErrors.map((e) => `${e.path} ${e.rule ?? 'model'}: ${e.message}`)).toEqual([]);
    expect(result.diagnostics.map(show), `findings with airflow-version ${version}:\n${result.diagnostics.map(show).join('\n')}`).toEqual([]);
  });

  it('the model finds the DAGs (the corpus is not clean only because nothing was seen)', async () => {
    const l = await linter();
    let dags = 0;
    let withDags = 0;
    for (const rel of dagFiles) {
      const n = l.lintText(texts.get(rel)!, `fixtures/corpus/clean/${rel}`, defaultSettings()).dags;
      dags += n;
      if (n > 0) withDags++;
    }
    expect(withDags).toBeGreaterThanOrEqual(30);
    expect(dags).toBeGreaterThanOrEqual(40);
  });

  it('every dag_id is unique across the corpus (it is one project)', async () => {
    const l = await linter();
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const rel of dagFiles) {
      const { model } = l.inspectText(texts.get(rel)!, rel);
      for (const dag of (model.dags as { dagId: string | null }[] | undefined) ?? []) {
        if (dag.dagId === null) continue;
        const first = seen.get(dag.dagId);
        if (first !== undefined) clashes.push(`${dag.dagId}: ${first} and ${rel}`);
        else seen.set(dag.dagId, rel);
      }
    }
    expect(clashes).toEqual([]);
  });
});
