// Analyses files on a pool of worker threads (one per core by default, `--jobs`). Each file goes to the
// next free worker; results are matched by id, so the output does not depend on timing. A worker that
// dies takes only the file it was analysing with it: that file gets an internal error, a new worker
// takes the dead one's place, and every other file is still analysed.
import { Worker } from 'node:worker_threads';
import type { FileAnalysis, LintSettings } from '../engine/lint.js';

export interface PoolRequest {
  id: number;
  text: string;
  path: string;
  settings: LintSettings;
}

export type PoolResponse = { id: number; analysis: FileAnalysis } | { id: number; error: string };

interface Slot {
  worker: Worker;
  ready: boolean;
  busy: { req: PoolRequest; resolve: (a: FileAnalysis) => void } | null;
}

/** The worker script beside this module; null when running from TypeScript sources (tests), which have no built worker. */
export function workerScript(): URL | null {
  return import.meta.url.endsWith('.ts') ? null : new URL('./worker.js', import.meta.url);
}

/**
 * A worker that parsed a file this large gives its memory back by being replaced: WebAssembly memory
 * grows to fit the largest tree and never shrinks.
 */
const RECYCLE_AFTER_CHARS = 1_000_000;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: { req: PoolRequest; resolve: (a: FileAnalysis) => void }[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers that died before they were ready; after three, the pool gives up (why, in `broken`). */
  private startFailures = 0;
  private broken: string | null = null;

  constructor(
    private readonly script: URL,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  analyze(text: string, path: string, settings: LintSettings): Promise<FileAnalysis> {
    return new Promise((resolve) => {
      if (this.broken) return resolve(failed(path, this.broken));
      this.queue.push({ req: { id: this.nextId++, text, path, settings }, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script), ready: false, busy: null };
    slot.worker.on('message', (msg: PoolResponse | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
      } else {
        const job = slot.busy;
        slot.busy = null;
        if (job && job.req.id === msg.id) job.resolve('analysis' in msg ? msg.analysis : failed(job.req.path, `internal error: ${msg.error}`));
        if (job && job.req.text.length >= RECYCLE_AFTER_CHARS && this.queue.length > 0) return this.replace(slot);
      }
      this.pump();
    });
    const onDeath = (cause: string): void => {
      const index = this.slots.indexOf(slot);
      if (index < 0 || this.closed) return;
      const job = slot.busy;
      slot.busy = null;
      if (job) job.resolve(failed(job.req.path, `the worker analysing this file stopped: ${cause}`));
      if (!slot.ready && ++this.startFailures >= 3) {
        this.broken = `airlint could not start its worker threads: ${cause}`;
        this.slots.splice(index, 1);
        if (this.slots.length === 0) for (const q of this.queue.splice(0)) q.resolve(failed(q.req.path, this.broken));
        return;
      }
      // Replace the worker, so the queue keeps moving.
      this.slots[index] = this.spawn();
    };
    slot.worker.on('error', (e) => onDeath(e instanceof Error ? e.message : String(e)));
    slot.worker.on('exit', (code) => onDeath(`exit code ${code}`));
    return slot;
  }

  /** Swaps a worker for a fresh one (its exit is then not a death). */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots[index] = this.spawn();
    void slot.worker.terminate();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy || !slot.ready) continue;
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.worker.postMessage(job.req);
    }
  }
}

function failed(path: string, message: string): FileAnalysis {
  return { path, diagnostics: [], directives: [], invalidDirectives: [], ran: [], internalErrors: [{ path, rule: null, message }], dags: 0, tasks: 0, facts: { dags: [], references: [], produces: [], opaque: 'airlint could not analyse this file' } };
}
