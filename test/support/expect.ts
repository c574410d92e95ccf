// The fixture expectation grammar of spec/interfaces.md:
//   `# expect: a, b`           exactly these rules report a diagnostic starting on this line
//   `# expect-next-line: a`    the same, for the next line
//   `# expect-file: a`         a diagnostic of this rule anywhere in the file
// and the harness header `# airlint-test: enable=a,b airflow-version=3 connections=a,b options={"minimum": 2}`.
import type { Diagnostic } from '../../src/engine/types.js';

export interface Expectations {
  byLine: Map<number, string[]>;
  file: string[];
  enable: string[];
  airflowVersion: string | null;
  options: Record<string, unknown>;
  /** Known connection ids (`connections=a,b`); null when the header sets none. */
  connections: string[] | null;
}

const LIST = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function parseExpectations(text: string): Expectations {
  const byLine = new Map<number, string[]>();
  const file: string[] = [];
  let enable: string[] = [];
  let airflowVersion: string | null = null;
  let options: Record<string, unknown> = {};
  let connections: string[] | null = null;
  const add = (line: number, ids: string[]): void => {
    byLine.set(line, [...(byLine.get(line) ?? []), ...ids]);
  };
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    let m = /#\s*expect-next-line:\s*(.+)$/.exec(raw);
    if (m) return add(line + 1, LIST(m[1]!));
    m = /#\s*expect-file:\s*(.+)$/.exec(raw);
    if (m) return void file.push(...LIST(m[1]!));
    m = /#\s*expect:\s*(.+)$/.exec(raw);
    if (m) return add(line, LIST(m[1]!));
    m = /#\s*airlint-test:\s*(.+)$/.exec(raw);
    if (m) {
      const body = m[1]!;
      const en = /enable=([\w,-]+)/.exec(body);
      if (en) enable = LIST(en[1]!);
      const av = /airflow-version=([\d.]+)/.exec(body);
      if (av) airflowVersion = av[1]!;
      const op = /options=(\{.*\})/.exec(body);
      if (op) options = JSON.parse(op[1]!) as Record<string, unknown>;
      const cn = /connections=([\w,.-]*)/.exec(body);
      if (cn) connections = LIST(cn[1]!);
    }
  });
  return { byLine, file, enable, airflowVersion, options, connections };
}

/** Mismatches between expectations and diagnostics, both directions; empty when they agree. */
export function compareExpectations(exp: Expectations, diagnostics: Diagnostic[]): string[] {
  const problems: string[] = [];
  const actualByLine = new Map<number, string[]>();
  for (const d of diagnostics) actualByLine.set(d.line, [...(actualByLine.get(d.line) ?? []), d.rule]);
  const fileRules = new Set(exp.file);
  const lines = new Set([...exp.byLine.keys(), ...actualByLine.keys()]);
  for (const line of [...lines].sort((a, b) => a - b)) {
    const want = [...new Set(exp.byLine.get(line) ?? [])].sort();
    const got = [...new Set((actualByLine.get(line) ?? []).filter((r) => !fileRules.has(r) || want.includes(r)))].sort();
    if (want.join(',') !== got.join(',')) {
      const msgs = diagnostics.filter((d) => d.line === line).map((d) => `${d.rule}: ${d.message}`);
      problems.push(`line ${line}: expected [${want.join(', ')}], got [${got.join(', ')}]${msgs.length ? ` (${msgs.join(' | ')})` : ''}`);
    }
  }
  for (const r of fileRules) if (!diagnostics.some((d) => d.rule === r)) problems.push(`expected a ${r} diagnostic somewhere in the file, got none`);
  return problems;
}
