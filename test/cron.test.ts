import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AIRFLOW_PRESETS, checkScheduleString } from '../src/model/cron.js';

interface Case {
  expr: string;
  valid: boolean;
  airflow2: boolean;
  airflow3: boolean;
}

const cases = JSON.parse(readFileSync(new URL('../fixtures/cron/cases.json', import.meta.url), 'utf8')) as Case[];

describe('checkScheduleString agrees with croniter (fixtures/cron/cases.json)', () => {
  it('has a few thousand cases of both kinds', () => {
    expect(cases.length).toBeGreaterThan(3000);
    expect(cases.filter((c) => c.valid).length).toBeGreaterThan(1000);
    expect(cases.filter((c) => !c.valid).length).toBeGreaterThan(1000);
  });

  for (const [label, major, key] of [
    ['either major', undefined, 'valid'],
    ['Airflow 2', 2, 'airflow2'],
    ['Airflow 3', 3, 'airflow3'],
  ] as const) {
    it(`${label}: every case`, () => {
      const wrong = cases
        .filter((c) => checkScheduleString(c.expr, major).ok !== c[key])
        .map((c) => `${JSON.stringify(c.expr)} expected ${c[key] ? 'valid' : 'invalid'}`);
      expect(wrong).toEqual([]);
    });
  }
});
