import type { Worker } from "node:worker_threads";
import { message } from "@/lib/contracts/message";
import { AppError } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { importFileError } from "./errors";
import type { RawRecord } from "./records";
import type { ImportSource } from "./source";
import { readWorkbookRecords, type XlsxLimits } from "./xlsx-workbook";
import { acquireWorker, releaseWorker, workerEntry } from "./worker-pool";
import type { FromWorker, ToWorker } from "./xlsx-worker-protocol";

/** No message from the worker for this long means it is stuck; the read ends with an error. */
export const XLSX_STALL_MS = 60_000;
/** The worker's messages, its death and silence, as one awaitable queue. */
function listen(worker: Worker) {
  const queue: (FromWorker | { type: "died"; error: Error })[] = [];
  let wake: (() => void) | null = null;
  const push = (item: (typeof queue)[number]) => {
    queue.push(item);
    wake?.();
  };
  const onMessage = (message: FromWorker) => push(message);
  const onError = (error: Error) => push({ type: "died", error });
  const onExit = (code: number) => push({ type: "died", error: new Error(`worker exited with code ${code}`) });
  worker.on("message", onMessage);
  worker.on("error", onError);
  worker.on("exit", onExit);
  return {
    get dead() {
      return queue.some((q) => q.type === "died");
    },
    async next(): Promise<(typeof queue)[number]> {
      for (;;) {
        const item = queue.shift();
        if (item) return item;
        let timer: NodeJS.Timeout | undefined;
        const stalled = await new Promise<boolean>((resolve) => {
          wake = () => resolve(false);
          timer = setTimeout(() => resolve(true), XLSX_STALL_MS);
        });
        clearTimeout(timer);
        wake = null;
        if (stalled) return { type: "died", error: Object.assign(new Error("stalled"), { code: "STALLED" }) };
      }
    },
    dispose() {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    },
  };
}

function failure(cause: Error, heapMb: number): AppError {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === "ERR_WORKER_OUT_OF_MEMORY") return importFileError("xlsxOutOfMemory", { limit: heapMb });
  if (code === "STALLED") return importFileError("damagedXlsx", { detail: message("importer.details.readingStalled") });
  logger.error({ err: cause }, "xlsx worker failed");
  return importFileError("internal");
}

/**
 * Streams the first worksheet with data from a worker thread with a capped heap, so a workbook
 * built to exhaust memory fails its own import and nothing else. Two batches at most are in
 * flight: the worker reads ahead one while this side hands out the other.
 */
export async function* readXlsxRecords(source: ImportSource, limits: XlsxLimits & { maxXlsxWorkerHeapMb: number }): AsyncGenerator<RawRecord> {
  const entry = workerEntry("xlsx-worker-boot.mjs");
  if (!entry) {
    logger.warn("xlsx worker entry not found: reading the workbook in the server thread");
    yield* readWorkbookRecords(source, limits);
    return;
  }
  const heapMb = limits.maxXlsxWorkerHeapMb;
  const worker = await acquireWorker(entry, heapMb);
  const inbox = listen(worker);
  let reusable = false;
  try {
    const start: ToWorker = { type: "start", source: "path" in source ? { path: source.path } : { bytes: source.bytes }, limits };
    worker.postMessage(start);
    for (;;) {
      const reply = await inbox.next();
      if (reply.type === "died") throw failure(reply.error, heapMb);
      if (reply.type === "end") {
        reusable = true;
        return;
      }
      if (reply.type === "failed") {
        reusable = true;
        if (reply.key === "errors.import.internal") logger.error({ detail: reply.detail }, "xlsx worker: unexpected error");
        throw new AppError("BAD_INPUT", reply.key, { params: reply.params });
      }
      worker.postMessage({ type: "more" } satisfies ToWorker);
      yield* reply.rows;
    }
  } finally {
    inbox.dispose();
    releaseWorker(worker, entry, heapMb, reusable && !inbox.dead);
  }
}
