// The versioned JSON format of spec/interfaces.md. Field order is fixed so output is byte-stable.
import type { Diagnostic } from '../engine/types.js';
import { counts, type RunResult } from './types.js';

function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    path: d.path,
    rule: d.rule,
    category: d.category,
    severity: d.severity,
    message: d.message,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    ...(d.dagId !== undefined ? { dagId: d.dagId } : {}),
    ...(d.taskId !== undefined ? { taskId: d.taskId } : {}),
    ...(d.help !== undefined ? { help: d.help } : {}),
    ...(d.related?.length ? { related: d.related.map((r) => ({ path: r.path, line: r.line, column: r.column, message: r.message })) } : {}),
  };
}

export function formatJson(result: RunResult): string {
  const c = counts(result.diagnostics);
  const doc = {
    version: 1,
    tool: { name: 'airlint', version: result.toolVersion },
    diagnostics: result.diagnostics.map(diagnosticJson),
    summary: {
      files: result.summary.files,
      dags: result.summary.dags,
      tasks: result.summary.tasks,
      errors: c.errors,
      warnings: c.warnings,
      infos: c.infos,
      suppressed: result.summary.suppressed,
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
