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

const normalise = (s: string): string => s.toLowerCase().replace(/[_\s]+/g, '-');

/** The closest candidate to a misspelt name, or `null` when nothing is close enough. */
export function closest(input: string, candidates: Iterable<string>): string | null {
  const wanted = normalise(input);
  let best: string | null = null;
  let bestScore = Infinity;
  for (const cand of candidates) {
    const norm = normalise(cand);
    if (norm === wanted) return cand;
    let score = editDistance(wanted, norm);
    // A truncated name ("warn" for "warning", "missing-retr") is a likely intent too.
    if (wanted.length >= 3 && norm.startsWith(wanted)) score = Math.min(score, 1.5);
    if (score < bestScore) {
      best = cand;
      bestScore = score;
    }
  }
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return bestScore <= limit ? best : null;
}
