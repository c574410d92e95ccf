// `npm audit` for CI: fails on a high or critical advisory in the runtime or development dependencies,
// and says so plainly (without failing) when the registry's audit service cannot be reached, as on
// machines whose network allows only package downloads.
import { spawnSync } from 'node:child_process';

let failed = false;
for (const args of [['--omit=dev'], []]) {
  const label = args.length ? 'runtime dependencies' : 'all dependencies';
  const r = spawnSync('npm', ['audit', '--json', ...args], { encoding: 'utf8' });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = null;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const why = report?.message ?? r.stderr.split('\n').find((l) => l.trim()) ?? `exit code ${r.status}`;
    console.log(`npm audit (${label}): the audit service is not reachable from here (${why}); not checked`);
    continue;
  }
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit (${label}): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
  if (serious > 0) failed = true;
}
process.exit(failed ? 1 : 0);
