import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * The worker threads that read import files: workbooks (xlsx-worker.ts), stretches of large CSV
 * files (csv-worker.ts). Each works on one file at a time; at most MAX_BUSY work at once, whatever
 * their kind, so hostile files uploaded together hold at most MAX_BUSY heap caps (and two cores),
 * and the rest wait their turn.
 */
const MAX_BUSY = 2;
/** Warm workers kept for the next file: starting one costs about a second (tsx loads the TypeScript). */
const MAX_IDLE = 2;
const IDLE_MS = 5 * 60_000;
/** Young generation of a worker, MB: room for a workbook's rows in flight. */
const DEFAULT_YOUNG_MB = 32;

/**
 * Where a worker's boot file lives: beside this module when run from source, beside the app root's
 * dist/ when run from the CLI bundle (dist/cli.mjs, from any folder), else under the working
 * folder (the bundled server runs from the app root).
 */
export function workerEntry(boot: string): string | null {
  const candidates = [path.join(process.cwd(), "server", "imports", boot)];
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    candidates.unshift(path.join(here, boot), path.join(here, "..", "server", "imports", boot));
  } catch {
    // import.meta.url is not a file URL inside some bundles: the app root is enough.
  }
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

type Idle = { worker: Worker; entry: string; heapMb: number; timer: NodeJS.Timeout; onExit: () => void };
const idle: Idle[] = [];
let busy = 0;
const waiting: (() => void)[] = [];

function forget(entry: Idle): void {
  const at = idle.indexOf(entry);
  if (at >= 0) idle.splice(at, 1);
  clearTimeout(entry.timer);
  entry.worker.off("exit", entry.onExit);
}

/** A worker of this entry and heap size, warm when one is idle; waits while MAX_BUSY are working. */
export async function acquireWorker(entry: string, heapMb: number, youngMb = DEFAULT_YOUNG_MB): Promise<Worker> {
  // A released slot passes straight to the next waiter, so `busy` never overshoots.
  if (busy >= MAX_BUSY) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy += 1;
  return startOrReuse(entry, heapMb, youngMb);
}

/** acquireWorker when a slot is free now, else null: for helpers a file can do without (csv-parallel.ts). */
export function tryAcquireWorker(entry: string, heapMb: number, youngMb = DEFAULT_YOUNG_MB): Worker | null {
  if (busy >= MAX_BUSY || waiting.length > 0) return null;
  busy += 1;
  return startOrReuse(entry, heapMb, youngMb);
}

/** A warm worker of this entry and heap cap (an entry always asks for the same young generation), else a new one. */
function startOrReuse(entry: string, heapMb: number, youngMb: number): Worker {
  const warm = idle.find((i) => i.entry === entry && i.heapMb === heapMb);
  if (warm) {
    forget(warm);
    warm.worker.ref();
    return warm.worker;
  }
  try {
    return new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngMb }, stdout: false, stderr: false });
  } catch (error) {
    freeSlot();
    throw error;
  }
}

function freeSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else busy -= 1;
}

/** Hands the worker back: kept warm when it finished a file cleanly, else ended. */
export function releaseWorker(worker: Worker, entry: string, heapMb: number, reusable: boolean): void {
  freeSlot();
  if (!reusable) {
    void worker.terminate();
    return;
  }
  // The longest idle goes: the worker just used is the likeliest to be asked for again.
  const oldest = idle.length >= MAX_IDLE ? idle[0] : undefined;
  if (oldest) {
    forget(oldest);
    void oldest.worker.terminate();
  }
  worker.unref();
  const kept: Idle = {
    worker,
    entry,
    heapMb,
    timer: setTimeout(() => {
      forget(kept);
      void worker.terminate();
    }, IDLE_MS),
    // A worker that dies while idle must not be handed out again.
    onExit: () => forget(kept),
  };
  kept.timer.unref();
  worker.once("exit", kept.onExit);
  idle.push(kept);
}
