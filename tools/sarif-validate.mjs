// Validates SARIF files with Microsoft's SARIF multitool and GitHub's ingestion rules
// (`Sarif.Multitool validate --rule-kind "Gh;Sarif"`), failing on any error or warning it reports.
// Usage: npm run sarif:validate [-- FILE.sarif ...]. Without files it lints fixtures/examples with the
// built CLI (`npm run build` first) and validates that. The multitool itself exits 0 whatever it
// finds, so this reads its output log.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const multitool = require('@microsoft/sarif-multitool');
const work = mkdtempSync(path.join(tmpdir(), 'airlint-sarif-validate-'));
// SARIF2006 fetches every URI in the log: slow, and it fails offline. Everything else stays on.
const policy = path.join(work, 'policy.xml');
writeFileSync(
  policy,
  '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n' +
    '    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />\n  </Properties>\n</Properties>\n',
);

let files = process.argv.slice(2);
if (files.length === 0) {
  const file = path.join(work, 'examples.sarif');
  const cli = path.join(import.meta.dirname, '..', 'bin', 'airlint.js');
  execFileSync(process.execPath, [cli, 'check', 'fixtures/examples', '--format', 'sarif', '--output-file', file, '--exit-zero'], {
    cwd: path.join(import.meta.dirname, '..'),
    stdio: 'inherit',
  });
  files = [file];
}

let failed = false;
for (const [i, file] of files.entries()) {
  const out = path.join(work, `validation-${i}.sarif`);
  execFileSync(multitool, ['validate', file, '-o', out, '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning;Note', '--log', 'ForceOverwrite', '-c', policy], { stdio: 'pipe' });
  const run = JSON.parse(readFileSync(out, 'utf8')).runs[0];
  const results = run.results ?? [];
  const problems = results.filter((r) => r.level === 'error' || r.level === 'warning' || r.level === undefined);
  const notes = new Map();
  for (const r of results) if (r.level === 'note') notes.set(r.ruleId, (notes.get(r.ruleId) ?? 0) + 1);
  for (const r of problems) {
    const rule = run.tool.driver.rules?.find((d) => d.id === r.ruleId);
    const template = r.message.id ? (rule?.messageStrings?.[r.message.id]?.text ?? r.message.id) : (r.message.text ?? '');
    const text = template.replace(/\{(\d+)\}/g, (_, n) => r.message.arguments?.[Number(n)] ?? '');
    console.error(`${file}: ${r.level ?? 'warning'} ${r.ruleId}: ${text}`);
  }
  const noteList = [...notes].map(([id, n]) => `${id} x${n}`).join(', ');
  console.log(`${file}: ${problems.length} errors or warnings${noteList ? `; notes: ${noteList}` : ''}`);
  if (problems.length > 0 || run.invocations?.[0]?.executionSuccessful === false) failed = true;
}
process.exitCode = failed ? 1 : 0;
