// "Did you mean": the banded edit distance agrees with the full one, and the prepared Suggester answers
// as a plain scan over the candidates would.
import { describe, expect, it } from 'vitest';
import { closest, editDistance, editDistanceWithin, Suggester } from '../src/engine/suggest.js';

const WORDS = ['', 'a', 'ab', 'abc', 'kitten', 'sitting', 'etl_daily', 'etl-dialy', 'orders_daily', 'order_daily', 'x'.repeat(30), 'y'.repeat(28), 'warning', 'warn'];

describe('editDistanceWithin', () => {
  it('is the edit distance when it is at most the bound, else bound + 1', () => {
    for (const a of WORDS) for (const b of WORDS) for (const max of [0, 1, 2, 3, 5]) {
      const d = editDistance(a, b);
      expect([a, b, max, editDistanceWithin(a, b, max)]).toEqual([a, b, max, d <= max ? d : max + 1]);
    }
  });

  it('also for ids longer than its reused rows at first (generated dag_ids)', () => {
    const long = 'warehouse_orders_enrichment_pipeline_for_the_emea_region_daily_v2_backfill';
    const variants = [long, `${long}_x`, long.replace('emea', 'apac'), long.slice(0, -3), long.replace(/_/g, '-'), `${long}${long}`, 'short'];
    for (const a of variants) for (const b of variants) for (const max of [1, 3, 8]) {
      const d = editDistance(a, b);
      expect([a, b, max, editDistanceWithin(a, b, max)]).toEqual([a, b, max, d <= max ? d : max + 1]);
    }
  });
});

describe('Suggester', () => {
  it('finds typos, truncations and separator variants, and nothing for unrelated names', () => {
    const s = new Suggester(['orders_daily', 'orders_hourly', 'customers', 'etl']);
    expect(s.closest('orders_dialy')).toBe('orders_daily');
    expect(s.closest('orders-daily')).toBe('orders_daily');
    expect(s.closest('custom')).toBe('customers');
    expect(s.closest('zzzzzzzz')).toBeNull();
  });

  it('gives the earliest of equally close candidates, as closest() over the list does', () => {
    const names = ['ab_x', 'ab_y', 'ab_z'];
    expect(new Suggester(names).closest('ab_w')).toBe('ab_x');
    expect(closest('ab_w', names)).toBe('ab_x');
  });

  it('a distance cap leaves far suggestions out', () => {
    expect(new Suggester(['replication_orders_emea'], 3).closest('replication_orders_xmxx')).toBe('replication_orders_emea');
    expect(new Suggester(['replication_orders_emea'], 2).closest('replication_orders_xmxx')).toBeNull();
  });
});
