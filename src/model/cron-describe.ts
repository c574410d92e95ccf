/**
 * Schedule strings in words ("At 06:00, Monday through Friday"), for messages and hovers.
 *
 * The words come from cronstrue. Airflow reads cron with croniter (see ./cron.ts), and the two
 * differ in ways this module bridges or avoids:
 *
 * - croniter's 6th field is *seconds*, at the end (`m h dom mon dow s`), and a 7th is the year;
 *   cronstrue reads 6 and 7 fields Quartz-style, seconds first. The seconds field is moved to the
 *   front before cronstrue sees it.
 * - With both day-of-month and day-of-week restricted, croniter runs on days matching *either*
 *   (Airflow never passes `day_or=False`); cronstrue's "on day 1 of the month, and on Monday" reads
 *   like both. No description is given.
 * - Only plain fields are described: numbers, three-letter names, `*`, `?`, lists, ranges and steps,
 *   plus `L` (last day of the month) and `#n` (nth weekday). croniter's `L` in day-of-week, `W`, `R`
 *   and anything cronstrue might read another way get no description.
 * - Airflow's presets and croniter's own aliases (`@midnight`, `@annually`, any case) are described
 *   through their cron expansion; `@once` and `@continuous` have fixed words.
 *
 * Only strings Airflow accepts (`checkScheduleString`) are described.
 */
import cronstrue from 'cronstrue';
import { AIRFLOW_PRESETS, checkScheduleString, CRONITER_ALIASES, DAY_NAMES, MONTH_NAMES } from './cron.js';


const PLAIN = /^(\*|\?|[0-9a-z]+(-[0-9a-z]+)?|\*\/\d+|[0-9a-z]+(-[0-9a-z]+)?\/\d+)(,([0-9a-z]+(-[0-9a-z]+)?|[0-9a-z]+(-[0-9a-z]+)?\/\d+))*$/;
const NAME = /[a-z]{3}/g;
const MONTHS = new Set(MONTH_NAMES);
const DAYS = new Set(DAY_NAMES);

function plainField(field: string, index: number): boolean {
  // croniter 6 reads day-of-month 0 as 1 with 6 fields; cronstrue would say "day 0".
  if (index === 2 && field.split(',').some((part) => /^0+$/.test(part.split('/')[0]!.split('-')[0]!))) return false;
  if (index === 2 && field === 'l') return true;
  if (index === 4 && /^([0-7]|[a-z]{3})#[1-5]$/.test(field)) return DAYS.has(field.slice(0, 3)) || /^\d/.test(field);
  if (!PLAIN.test(field) || (field.includes('?') && field !== '?')) return false;
  const names = field.match(NAME) ?? [];
  const allowed = index === 3 ? MONTHS : index === 4 ? DAYS : null;
  if (names.length > 0 && (!allowed || names.some((n) => !allowed.has(n)))) return false;
  // Only names and digits: no stray letters (`H`, `R`, `W`, `L` inside a list...).
  return !/[a-z]/.test(field.replace(NAME, ''));
}

const restricted = (field: string): boolean => field !== '*' && field !== '?';

/** A cron expression (already known valid) in words, or null when cronstrue would not say what croniter does. */
function describeCron(expr: string): string | null {
  const fields = expr.trim().toLowerCase().split(/\s+/);
  if (fields.length < 5 || fields.length > 7) return null;
  if (!fields.every(plainField)) return null;
  if (restricted(fields[2]!) && restricted(fields[4]!)) return null;
  const quartz = fields.length === 5 ? fields : [fields[5]!, ...fields.slice(0, 5), ...fields.slice(6)];
  try {
    return cronstrue.toString(quartz.join(' ').toUpperCase(), { use24HourTimeFormat: true, throwExceptionOnParseError: true, verbose: false });
  } catch {
    return null;
  }
}

/**
 * A schedule string in words, the way Airflow would run it: a preset, croniter alias or cron
 * expression. Null for strings Airflow rejects and for expressions cronstrue could misdescribe.
 */
export function describeSchedule(expr: string): string | null {
  if (expr === '@once') return 'Once, at the first run after start_date';
  if (expr === '@continuous') return 'Continuously: a new run starts as soon as the previous one ends';
  if (!checkScheduleString(expr).ok) return null;
  const preset = AIRFLOW_PRESETS[expr];
  if (preset) return describeCron(preset);
  const alias = CRONITER_ALIASES[expr.toLowerCase()];
  if (alias) return describeCron(alias);
  if (expr.trim().startsWith('@')) return null;
  return describeCron(expr);
}
