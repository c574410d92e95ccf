// A worker thread of the pool: analyses files (parse, model, file rules, project facts) with the shipped
// rules and sends the plain-data result back. Started by pool.ts.
import { parentPort } from 'node:worker_threads';
import { Linter } from '../index.js';
import type { LintSettings } from '../engine/lint.js';
import type { PoolRequest, PoolResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('airlint: worker.js runs only as a worker thread');
const linter = await Linter.create();
// Fault injection for the tests of the pool's recovery: a worker given a file whose path contains this
// text dies as a crashed worker would.
const dieOn = process.env.AIRLINT_TEST_WORKER_EXIT;
/** The settings objects the pool has sent, by id (each is sent once, then named by its id). */
const settings = new Map<number, LintSettings>();
port.on('message', (req: PoolRequest) => {
  if (dieOn && req.path.includes(dieOn)) process.exit(70);
  let res: PoolResponse;
  try {
    if (req.settings) settings.set(req.settingsId, req.settings);
    const known = settings.get(req.settingsId);
    if (!known) throw new Error(`settings ${req.settingsId} were never sent`);
    res = { id: req.id, analysis: linter.analyzeText(req.text, req.path, known) };
  } catch (e) {
    res = { id: req.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  port.postMessage(res);
});
port.postMessage({ ready: true });
