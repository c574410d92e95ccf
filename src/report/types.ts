// What every reporter receives: the results of one run. Reporters are pure functions of it.
import type { Diagnostic } from '../engine/types.js';

export interface RunSummary {
  /** Files linted. */
  files: number;
  dags: number;
  tasks: number;
  suppressed: number;
}

export interface RunResult {
  diagnostics: Diagnostic[];
  /** The text of each file with findings, by display path (for code frames). */
  sources: ReadonlyMap<string, string>;
  summary: RunSummary;
  toolVersion: string;
}

export function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; infos: number; files: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const files = new Set<string>();
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
    files.add(d.path);
  }
  return { errors, warnings, infos, files: files.size };
}
