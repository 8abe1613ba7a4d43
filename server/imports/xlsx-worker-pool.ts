import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * The workers that read workbooks. Each reads one file at a time; at most MAX_BUSY read at once,
 * so hostile files uploaded together hold at most MAX_BUSY heap caps, and the rest wait their turn.
 */
const MAX_BUSY = 2;
/** Warm workers kept for the next workbook: starting one costs about a second (tsx loads the TypeScript). */
const MAX_IDLE = 2;
const IDLE_MS = 5 * 60_000;
const BOOT = "xlsx-worker-boot.mjs";

/** Where the worker's entry lives: beside this module when run from source, else under the app root (bundled server). */
export function workerEntry(): string | null {
  const candidates = [path.join(process.cwd(), "server", "imports", BOOT)];
  try {
    candidates.unshift(path.join(path.dirname(fileURLToPath(import.meta.url)), BOOT));
  } catch {
    // import.meta.url is not a file URL inside some bundles: the app root is enough.
  }
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

type Idle = { worker: Worker; heapMb: number; timer: NodeJS.Timeout; onExit: () => void };
const idle: Idle[] = [];
let busy = 0;
const waiting: (() => void)[] = [];

function forget(entry: Idle): void {
  const at = idle.indexOf(entry);
  if (at >= 0) idle.splice(at, 1);
  clearTimeout(entry.timer);
  entry.worker.off("exit", entry.onExit);
}

/** A worker of this heap size, warm when one is idle; waits while MAX_BUSY are reading. */
export async function acquireWorker(entry: string, heapMb: number): Promise<Worker> {
  // A released slot passes straight to the next waiter, so `busy` never overshoots.
  if (busy >= MAX_BUSY) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy += 1;
  const warm = idle.find((i) => i.heapMb === heapMb);
  if (warm) {
    forget(warm);
    warm.worker.ref();
    return warm.worker;
  }
  try {
    return new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 }, stdout: false, stderr: false });
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
export function releaseWorker(worker: Worker, heapMb: number, reusable: boolean): void {
  freeSlot();
  if (!reusable || idle.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const entry: Idle = {
    worker,
    heapMb,
    timer: setTimeout(() => {
      forget(entry);
      void worker.terminate();
    }, IDLE_MS),
    // A worker that dies while idle must not be handed out again.
    onExit: () => forget(entry),
  };
  entry.timer.unref();
  worker.once("exit", entry.onExit);
  idle.push(entry);
}
