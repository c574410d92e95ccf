// Schedules in words (cronstrue), bridged to croniter's reading of the fields.
import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../src/model/cron-describe.js';

describe('describeSchedule', () => {
  it('describes plain 5-field expressions', () => {
    expect(describeSchedule('0 6 * * 1-5')).toBe('At 06:00, Monday through Friday');
    expect(describeSchedule('0 6 * * MON-FRI')).toBe('At 06:00, Monday through Friday');
    expect(describeSchedule('*/15 * * * *')).toBe('Every 15 minutes');
    expect(describeSchedule('30 2 1 */3 *')).toBe('At 02:30, on day 1 of the month, every 3 months');
    expect(describeSchedule('0 0 * jan,jul *')).toBe('At 00:00, only in January and July');
  });

  it('describes Airflow presets and croniter aliases through their expansion', () => {
    expect(describeSchedule('@daily')).toBe('At 00:00');
    expect(describeSchedule('@hourly')).toBe('Every hour');
    expect(describeSchedule('@weekly')).toBe('At 00:00, only on Sunday');
    expect(describeSchedule('@quarterly')).toBe('At 00:00, on day 1 of the month, every 3 months');
    expect(describeSchedule('@yearly')).toBe(describeSchedule('0 0 1 1 *'));
    expect(describeSchedule('@midnight')).toBe('At 00:00');
    expect(describeSchedule('@ANNUALLY')).toBe(describeSchedule('0 0 1 1 *'));
    expect(describeSchedule('@once')).toMatch(/^Once/);
    expect(describeSchedule('@continuous')).toMatch(/^Continuously/);
  });

  it("reads croniter's 6th field as seconds and the 7th as the year, not Quartz-style", () => {
    expect(describeSchedule('0 12 * * * 30')).toBe('At 12:00:30');
    expect(describeSchedule('0 12 * * * 0 2030')).toBe('At 12:00, only in 2030');
  });

  it('describes L in day-of-month and # in day-of-week', () => {
    expect(describeSchedule('0 0 L * *')).toBe('At 00:00, on the last day of the month');
    expect(describeSchedule('0 9 * * MON#1')).toBe('At 09:00, on the first Monday of the month');
    expect(describeSchedule('0 9 * * 5#2')).toBe('At 09:00, on the second Friday of the month');
  });

  it('gives no description where croniter and cronstrue would differ', () => {
    // croniter runs on day 1 OR on Mondays; cronstrue's words read like both.
    expect(describeSchedule('0 0 1 * 1')).toBeNull();
    // nearest weekday, random values, L in day-of-week: croniter extras described in other ways or not at all
    expect(describeSchedule('0 0 15W * *')).toBeNull();
    expect(describeSchedule('R 0 * * *')).toBeNull();
    expect(describeSchedule('0 0 * * L5')).toBeNull();
    // croniter 6 reads day-of-month 0 as 1 with 6 fields
    expect(describeSchedule('0 0 0 * * 0')).toBeNull();
  });

  it('gives no description for strings Airflow rejects', () => {
    expect(describeSchedule('0 24 * * *')).toBeNull();
    expect(describeSchedule('@Daily2')).toBeNull();
    expect(describeSchedule('@QUARTERLY')).toBeNull();
    expect(describeSchedule('* * *')).toBeNull();
  });
});
