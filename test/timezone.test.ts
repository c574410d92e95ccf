// The time zone check against real pendulum: fixtures/timezones/cases.json (oracle/gen_timezone_cases.py).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTimeZone } from '../src/model/timezone.js';

interface Case {
  name: string;
  valid: boolean;
}

const cases = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'timezones', 'cases.json'), 'utf8')) as Case[];

describe('checkTimeZone', () => {
  it('has a few hundred oracle cases, valid and invalid', () => {
    expect(cases.length).toBeGreaterThan(600);
    expect(cases.filter((c) => !c.valid).length).toBeGreaterThan(50);
  });

  it('agrees with pendulum.timezone() on every oracle case', () => {
    const disagreements = cases.filter((c) => checkTimeZone(c.name).ok !== c.valid).map((c) => `${JSON.stringify(c.name)}: pendulum says ${c.valid ? 'valid' : 'invalid'}`);
    expect(disagreements).toEqual([]);
  });

  it('accepts any case of "utc", as pendulum does, and nothing else case-insensitively', () => {
    expect(checkTimeZone('utc').ok).toBe(true);
    expect(checkTimeZone('uTc').ok).toBe(true);
    expect(checkTimeZone('europe/amsterdam')).toEqual({ ok: false, message: 'time zone names are case-sensitive; did you mean "Europe/Amsterdam"?', suggestion: 'Europe/Amsterdam' });
    expect(checkTimeZone('us/pacific').ok).toBe(false);
  });

  it('accepts aliases and links zoneinfo ships', () => {
    for (const name of ['US/Pacific', 'Etc/GMT+5', 'Asia/Calcutta', 'Europe/Kiev', 'Europe/Kyiv', 'EST5EDT', 'Zulu']) expect(checkTimeZone(name).ok, name).toBe(true);
  });

  it('rejects offsets, abbreviations ICU alone knows, removed links and whitespace, with a reason', () => {
    expect(checkTimeZone('+02:00')).toMatchObject({ ok: false, message: expect.stringContaining('UTC offset') });
    expect(checkTimeZone(' UTC')).toMatchObject({ ok: false, message: 'the name has surrounding whitespace' });
    expect(checkTimeZone('')).toMatchObject({ ok: false, message: 'the name is empty' });
    for (const name of ['PST', 'IST', 'US/Pacific-New', 'SystemV/AST4', 'Europe/Atlantis', 'GMT+5']) expect(checkTimeZone(name).ok, name).toBe(false);
  });
});
