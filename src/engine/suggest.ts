// "Did you mean": the closest known name to a misspelt one (config keys, rule ids, dag_ids, trigger rules).

/** Levenshtein distance, small inputs only (names and ids). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** Two rows of the banded table, reused by every call (grown as needed): no allocation per query. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** The edit distance when it is at most `max`, else `max + 1`: only a band of the table is filled, and a row over `max` stops early. */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (!Number.isFinite(max) || max >= Math.max(a.length, b.length)) return editDistance(a, b);
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(n, i + max);
    // Outside the band every cell is over the limit.
    cur.fill(over, 0, n + 1);
    cur[0] = i <= max ? i : over;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      let v = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (prev[j]! + 1 < v) v = prev[j]! + 1;
      if (cur[j - 1]! + 1 < v) v = cur[j - 1]! + 1;
      cur[j] = v > over ? over : v;
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n]!, over);
}

const normalise = (s: string): string => s.toLowerCase().replace(/[_\s]+/g, '-');

interface Entry {
  cand: string;
  norm: string;
  /** Position in the given candidates: the earlier of two equally close names wins, as a plain scan would. */
  order: number;
}

/**
 * "Did you mean" over a fixed set of names, prepared once: candidates are bucketed by length (an edit
 * distance is at least the difference in length) and sorted (to find the names a truncated input
 * starts), so a query against thousands of names (a project's dag_ids) looks at few of them.
 */
export class Suggester {
  private readonly byLength = new Map<number, Entry[]>();
  private readonly sorted: Entry[] = [];

  /** `maxDistance` caps how far a suggestion may be (and so how much each query costs). */
  constructor(
    candidates: Iterable<string>,
    private readonly maxDistance = Infinity,
  ) {
    for (const cand of candidates) {
      const entry: Entry = { cand, norm: normalise(cand), order: this.sorted.length };
      this.sorted.push(entry);
      const list = this.byLength.get(entry.norm.length) ?? [];
      list.push(entry);
      this.byLength.set(entry.norm.length, list);
    }
    this.sorted.sort((a, b) => (a.norm < b.norm ? -1 : a.norm > b.norm ? 1 : a.order - b.order));
  }

  /** The closest candidate to a misspelt name, or `null` when nothing is close enough. */
  closest(input: string): string | null {
    const wanted = normalise(input);
    const limit = Math.min(this.maxDistance, Math.max(2, Math.floor(wanted.length / 3)));
    let best: Entry | null = null;
    let bestScore = Infinity;
    const consider = (e: Entry, score: number): void => {
      if (score < bestScore || (score === bestScore && best !== null && e.order < best.order)) {
        best = e;
        bestScore = score;
      }
    };
    for (let len = Math.max(0, wanted.length - limit); len <= wanted.length + limit; len++) {
      for (const e of this.byLength.get(len) ?? []) consider(e, e.norm === wanted ? -1 : editDistanceWithin(wanted, e.norm, Math.min(limit, bestScore)));
    }
    // A truncated name ("warn" for "warning", "missing-retr") is a likely intent too.
    if (wanted.length >= 3) {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sorted[mid]!.norm < wanted) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < this.sorted.length && this.sorted[k]!.norm.startsWith(wanted); k++) consider(this.sorted[k]!, this.sorted[k]!.norm === wanted ? -1 : 1.5);
    }
    const found = best as Entry | null;
    return found !== null && bestScore <= limit ? found.cand : null;
  }
}

/** The closest candidate to a misspelt name, or `null` when nothing is close enough. */
export function closest(input: string, candidates: Iterable<string>): string | null {
  return new Suggester(candidates).closest(input);
}
