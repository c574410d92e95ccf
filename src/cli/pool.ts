// Analyses files on a pool of worker threads (one per core by default, `--jobs`). Each worker is kept
// two files ahead, so it never waits for the main thread between files; results are matched by id, so
// the output does not depend on timing. A worker that dies takes only the file it was analysing with it
// (it handles its files in the order sent, so that is the oldest one in flight): that file gets an
// internal error, the files queued behind it go back to the queue, a new worker takes the dead one's
// place, and every other file is still analysed.
import { Worker } from 'node:worker_threads';
import type { FileAnalysis, LintSettings } from '../engine/lint.js';

export interface PoolRequest {
  id: number;
  text: string;
  path: string;
  /** Settings are shared by many files: each worker is sent each settings object once, then its id. */
  settingsId: number;
  settings?: LintSettings;
}

export type PoolResponse = { id: number; analysis: FileAnalysis } | { id: number; error: string };

interface Job {
  req: PoolRequest;
  settings: LintSettings;
  resolve: (a: FileAnalysis) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Jobs sent and not yet answered, oldest first: the worker answers them in this order. */
  inFlight: Job[];
  /** Sent a file large enough to be replaced after it: takes no more files. */
  draining: boolean;
  /** The settings ids this worker has been sent. */
  knows: Set<number>;
}

/** Files sent to a worker before it answers: one in work, one waiting in its port. */
const PIPELINE_DEPTH = 2;

/** The worker script beside this module; null when running from TypeScript sources (tests), which have no built worker. */
export function workerScript(): URL | null {
  return import.meta.url.endsWith('.ts') ? null : new URL('./worker.js', import.meta.url);
}

/**
 * A worker that parsed a file this large gives its memory back by being replaced: WebAssembly memory
 * grows to fit the largest tree and never shrinks. (The tests make it small, to replace workers often.)
 */
const RECYCLE_AFTER_CHARS = Number(process.env.AIRLINT_TEST_RECYCLE_CHARS) || 1_000_000;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private readonly settingsIds = new Map<LintSettings, number>();
  /** Characters of source in the queue (not yet sent to a worker), and who waits for it to shrink. */
  private queuedChars = 0;
  /** Workers being replaced: the old one is stopping, the new one starts when it has. */
  private replacing = 0;
  private readonly drainWaiters: { chars: number; resolve: () => void }[] = [];
  private closed = false;
  /** Workers that died before they were ready; after three, the pool gives up (why, in `broken`). */
  private startFailures = 0;
  private broken: string | null = null;

  constructor(
    private readonly script: URL,
    size: number,
  ) {
    this.grow(size);
  }

  /** Starts workers until there are `size` (files keep arriving while the first ones are analysed). */
  grow(size: number): void {
    while (this.slots.length + this.replacing < size && !this.broken) this.slots.push(this.spawn());
  }

  analyze(text: string, path: string, settings: LintSettings): Promise<FileAnalysis> {
    return new Promise((resolve) => {
      if (this.broken) return resolve(failed(path, this.broken));
      let settingsId = this.settingsIds.get(settings);
      if (settingsId === undefined) this.settingsIds.set(settings, (settingsId = this.settingsIds.size));
      // Longest first, so the big files start early and the workers finish together.
      const job = { req: { id: this.nextId++, text, path, settingsId }, settings, resolve };
      let lo = 0;
      let hi = this.queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.queue[mid]!.req.text.length >= text.length) lo = mid + 1;
        else hi = mid;
      }
      this.queue.splice(lo, 0, job);
      this.queuedChars += text.length;
      this.pump();
    });
  }

  /** Resolves once less than `chars` characters of source wait in the queue (the reader's back-pressure). */
  whenQueueBelow(chars: number): Promise<void> {
    if (this.queuedChars < chars || this.broken) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push({ chars, resolve }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notifyDrained(true);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script), ready: false, inFlight: [], draining: false, knows: new Set() };
    slot.worker.on('message', (msg: PoolResponse | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
      } else {
        const index = slot.inFlight.findIndex((j) => j.req.id === msg.id);
        const job = index < 0 ? null : slot.inFlight.splice(index, 1)[0]!;
        job?.resolve('analysis' in msg ? msg.analysis : failed(job.req.path, `internal error: ${msg.error}`));
        if (slot.draining && slot.inFlight.length === 0) return this.replace(slot);
      }
      this.pump();
    });
    const onDeath = (cause: string): void => {
      const index = this.slots.indexOf(slot);
      if (index < 0 || this.closed) return;
      const [job, ...waiting] = slot.inFlight.splice(0);
      if (job) job.resolve(failed(job.req.path, `the worker analysing this file stopped: ${cause}`));
      this.queue.unshift(...waiting);
      for (const w of waiting) this.queuedChars += w.req.text.length;
      if (!slot.ready && ++this.startFailures >= 3) {
        this.broken = `airlint could not start its worker threads: ${cause}`;
        this.slots.splice(index, 1);
        if (this.slots.length === 0) {
          for (const q of this.queue.splice(0)) q.resolve(failed(q.req.path, this.broken));
          this.queuedChars = 0;
          this.notifyDrained(true);
        }
        return;
      }
      // Replace the worker, so the queue keeps moving.
      this.slots[index] = this.spawn();
    };
    slot.worker.on('error', (e) => onDeath(e instanceof Error ? e.message : String(e)));
    slot.worker.on('exit', (code) => onDeath(`exit code ${code}`));
    return slot;
  }

  /**
   * Swaps a worker for a fresh one (its exit is then not a death), started once the old one is gone:
   * the point is to give its memory back, not to hold both for a moment.
   */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.replacing++;
    const respawn = (): void => {
      this.replacing--;
      if (this.closed) return;
      this.slots.push(this.spawn());
      this.pump();
    };
    slot.worker.terminate().then(respawn, respawn);
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (this.queue.length > 0 && slot.ready && !slot.draining && slot.inFlight.length < PIPELINE_DEPTH) {
        const job = this.queue.shift()!;
        this.queuedChars -= job.req.text.length;
        slot.inFlight.push(job);
        // Its memory is given back by replacing the worker once it has answered (only when files remain).
        if (job.req.text.length >= RECYCLE_AFTER_CHARS && this.queue.length > 0) slot.draining = true;
        const first = !slot.knows.has(job.req.settingsId);
        if (first) slot.knows.add(job.req.settingsId);
        slot.worker.postMessage(first ? { ...job.req, settings: job.settings } : job.req);
      }
      if (this.queue.length === 0) break;
    }
    this.notifyDrained(false);
  }

  private notifyDrained(all: boolean): void {
    for (let i = this.drainWaiters.length - 1; i >= 0; i--) {
      const w = this.drainWaiters[i]!;
      if (all || this.queuedChars < w.chars) {
        this.drainWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}

function failed(path: string, message: string): FileAnalysis {
  return { path, diagnostics: [], directives: [], invalidDirectives: [], ran: 'none', internalErrors: [{ path, rule: null, message }], dags: 0, tasks: 0, facts: { dags: [], references: [], produces: [], opaque: 'airlint could not analyse this file' } };
}
