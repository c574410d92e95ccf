// Loaded with `node --import` into a measured child when GNU time is not available: writes the
// process's peak RSS (KB) and CPU seconds (user, system) to the file named by AIRLINT_BENCH_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.AIRLINT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
