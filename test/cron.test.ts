import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AIRFLOW_PRESETS, checkScheduleString } from '../src/model/cron.js';

/** One case judged by the real croniter through Airflow's code path (oracle/gen_cron_cases.py). */
interface Case {
  expr: string;
  /** Accepted by Airflow 2 or Airflow 3: what checkScheduleString(expr) must say. */
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
    expect(cases.filter((c) => c.airflow2 !== c.airflow3).length).toBeGreaterThan(10);
  });

  for (const [label, major, key] of [
    ['without a major (reported only when both reject)', undefined, 'valid'],
    ['Airflow 2 (croniter 6.0.0)', 2, 'airflow2'],
    ['Airflow 3 (croniter 6.2.x / 7.0.0)', 3, 'airflow3'],
  ] as const) {
    it(`${label}: every case`, () => {
      const wrong = cases
        .filter((c) => checkScheduleString(c.expr, major).ok !== c[key])
        .map((c) => `${JSON.stringify(c.expr)} should be ${c[key] ? 'accepted' : 'rejected'}`);
      expect(wrong).toEqual([]);
    });
  }

  it('gives every rejection a message, and a field name when one field is at fault', () => {
    for (const c of cases) {
      const result = checkScheduleString(c.expr);
      if (result.ok) continue;
      expect(result.message.length).toBeGreaterThan(0);
      if (result.field !== undefined) expect(result.message.startsWith(`${result.field} field`)).toBe(true);
    }
  });
});

describe('presets', () => {
  it('maps Airflow presets to their cron expansion', () => {
    expect(AIRFLOW_PRESETS['@daily']).toBe('0 0 * * *');
    expect(AIRFLOW_PRESETS['@quarterly']).toBe('0 0 1 */3 *');
    expect(AIRFLOW_PRESETS['@once']).toBeNull();
    expect(AIRFLOW_PRESETS['@continuous']).toBeNull();
    expect(Object.isFrozen(AIRFLOW_PRESETS)).toBe(true);
  });

  it('accepts every preset as a preset, and every expansion as cron', () => {
    for (const [preset, expansion] of Object.entries(AIRFLOW_PRESETS)) {
      expect(checkScheduleString(preset)).toEqual({ ok: true, kind: 'preset' });
      if (expansion !== null) expect(checkScheduleString(expansion)).toEqual({ ok: true, kind: 'cron' });
    }
  });

  it("accepts croniter's own aliases, in any case", () => {
    for (const alias of ['@midnight', '@annually', '@MIDNIGHT', '@Daily', '@HOURLY']) {
      expect(checkScheduleString(alias)).toEqual({ ok: true, kind: 'cron' });
    }
  });

  it('rejects unknown, mis-cased and padded presets', () => {
    expect(checkScheduleString('@every5m')).toEqual({ ok: false, message: 'unknown preset "@every5m"' });
    expect(checkScheduleString('@reboot')).toEqual({ ok: false, message: 'unknown preset "@reboot"' });
    expect(checkScheduleString('@QUARTERLY')).toEqual({
      ok: false,
      message: 'unknown preset "@QUARTERLY" (presets are case-sensitive: use "@quarterly")',
    });
    expect(checkScheduleString('@ONCE').ok).toBe(false);
    expect(checkScheduleString(' @daily')).toEqual({
      ok: false,
      message: 'preset " @daily" must not have whitespace around it',
    });
  });
});

describe('messages', () => {
  const message = (expr: string, major?: 2 | 3): string => {
    const result = checkScheduleString(expr, major);
    return result.ok ? 'ok' : result.message;
  };

  it('field counts and empty strings', () => {
    expect(message('')).toBe('schedule is an empty string');
    expect(message('  ')).toBe('schedule is blank');
    expect(message('* * * *')).toBe('expected 5 fields (or 6 with seconds, 7 with seconds and year), got 4');
    expect(message('* * * * * * * *')).toBe('expected 5 fields (or 6 with seconds, 7 with seconds and year), got 8');
  });

  it('out-of-range values and ranges', () => {
    expect(checkScheduleString('61 * * * *')).toEqual({
      ok: false,
      message: 'minute field value 61 is out of range 0-59',
      field: 'minute',
    });
    expect(message('0 24 * * *')).toBe('hour field value 24 is out of range 0-23');
    expect(message('0 0 0 * *')).toBe('day-of-month field value 0 is out of range 1-31');
    expect(message('0 0 * 13 *')).toBe('month field value 13 is out of range 1-12');
    expect(message('50-70 * * * *')).toBe('minute field "50-70" is out of range 0-59');
    expect(message('0 0 0-5 * *')).toBe('day-of-month field "0-5" is out of range 1-31');
    expect(message('0 0 * * * * 2100')).toBe('year field value 2100 is out of range 1970-2099');
  });

  it('steps, names and syntax', () => {
    expect(message('*/0 * * * *')).toBe('minute field "*/0": step must be at least 1');
    expect(message('0 0 * JANU *')).toBe('month field value "JANU" is not a number or month name (JAN-DEC)');
    expect(message('0 0 * * Monday')).toBe('day-of-week field value "Monday" is not a number or day name (SUN-SAT)');
    expect(message('1-2-3 * * * *')).toBe('minute field "1-2-3" is not valid cron syntax');
    expect(message('-5 * * * *')).toBe('minute field value "-5" is negative');
    expect(message('? * * * *')).toBe('minute field "?": "?" is only allowed in the day-of-month and day-of-week fields');
    expect(message('0 0 ?,1 * *')).toBe('day-of-month field "?,1": "?" must be the whole field');
    expect(message('0 0 * * L')).toBe(
      'day-of-week field "L": "L" is only allowed in the day-of-month field ("L") and day-of-week field ("L5")',
    );
  });

  it('nth weekday (#, L) rules', () => {
    expect(message('0 0 * * MON#2')).toBe('ok');
    expect(message('0 0 * * mon-fri#2')).toBe('ok');
    expect(message('0 0 * * L5')).toBe('ok');
    expect(message('0 0 * * 1#6')).toBe('day-of-week field "1#6": the nth weekday must be 1-5, got 6');
    expect(message('0 0 * * 1#2,3')).toBe(
      'day-of-week field "1#2,3" mixes nth-weekday values ("#" or "L") with plain days, which croniter rejects',
    );
    expect(message('0 0 * * 1-5#2')).toBe(
      'day-of-week field "1-5#2" is not valid cron syntax ("#" takes a single day or a named range such as MON-FRI#2)',
    );
  });

  it('H is rejected (Airflow passes no hash id); R is rejected when its random draw can fail', () => {
    expect(message('H * * * *')).toBe(
      'minute field "H": "H" (hashed) values need a hash id, which Airflow never passes to croniter',
    );
    expect(message('R * * * *')).toBe('ok');
    expect(message('R(0-99) * * * *')).toBe(
      'minute field "R(0-99)": its random value can fall outside 0-59, so the DAG fails to load on some parses',
    );
    // croniter 6 draws the start of R/30 from 0-29, past the hour field's 23; croniter 7 clamps it.
    expect(message('0 R/30 * * *', 2)).toBe(
      'hour field "R/30": its random value can fall outside 0-23, so the DAG fails to load on some parses',
    );
    expect(message('0 R/30 * * *', 3)).toBe('ok');
  });
});

describe('surprising acceptances, straight from croniter', () => {
  it('takes 6 fields as seconds at the end and 7 as seconds then year', () => {
    expect(acceptedByBoth('0 0 * * * 30')).toBe(true);
    expect(acceptedByBoth('0 0 * * * 0 2030')).toBe(true);
  });

  it('reads an equal range as the whole field, even out of range', () => {
    expect(checkScheduleString('0 0 0-0 * *').ok).toBe(true);
    expect(checkScheduleString('0 0 0 * *').ok).toBe(false);
  });

  it('accepts 7 as Sunday in 5 fields; in 6 or 7 fields only croniter 7 does', () => {
    expect(checkScheduleString('0 0 * * 7', 2).ok).toBe(true);
    expect(checkScheduleString('0 0 * * 7 0', 2).ok).toBe(false);
    expect(checkScheduleString('0 0 * * 7 0', 3).ok).toBe(true);
    expect(checkScheduleString('0 0 * * 7 0').ok).toBe(true);
  });

  it('accepts W (nearest weekday) only from croniter 6.2, and only alone', () => {
    expect(checkScheduleString('0 0 15W * *', 3).ok).toBe(true);
    expect(checkScheduleString('0 0 15W * *')).toEqual({ ok: true, kind: 'cron' });
    expect(checkScheduleString('0 0 15W * *', 2)).toEqual({
      ok: false,
      message:
        'day-of-month field "15W": "W" (nearest weekday) needs croniter 6.2 or newer; Airflow 2 pins croniter 6.0.0',
      field: 'day-of-month',
    });
    expect(checkScheduleString('0 0 15W,1 * *', 3).ok).toBe(false);
  });

  it('accepts ?, L and names in any case', () => {
    for (const expr of ['0 0 ? * MON', '0 0 L * *', '0 0 5-L * *', '0 12 * jan-MAR Mon-Fri', '0 0 1 */3 *']) {
      expect(checkScheduleString(expr).ok).toBe(true);
    }
  });

  it('accepts Unicode digits and separators with croniter 6 only', () => {
    expect(checkScheduleString('\u0663 * * * *', 2).ok).toBe(true);
    expect(checkScheduleString('0\u00a00 * * *', 2).ok).toBe(true);
    expect(checkScheduleString('0\u00a00 * * *', 3).ok).toBe(true);
  });
});

function acceptedByBoth(expr: string): boolean {
  return checkScheduleString(expr, 2).ok && checkScheduleString(expr, 3).ok;
}
