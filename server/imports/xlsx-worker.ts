import { parentPort } from "node:worker_threads";
import { isImportFileError } from "./errors";
import type { RawRecord } from "./records";
import { readWorkbookRecords } from "./xlsx-workbook";
import { ROWS_PER_MESSAGE, type FromWorker, type ToWorker } from "./xlsx-worker-protocol";

/**
 * Reads workbooks for the import, one at a time, inside a thread whose heap is capped: a file
 * that still manages to exhaust it kills this thread, and only its own import fails.
 */
const port = parentPort;
if (!port) throw new Error("xlsx-worker runs as a worker thread");

const inbox: ToWorker[] = [];
let wake: (() => void) | null = null;
port.on("message", (message: ToWorker) => {
  inbox.push(message);
  wake?.();
});

async function receive(): Promise<ToWorker> {
  for (;;) {
    const next = inbox.shift();
    if (next) return next;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

const send = (message: FromWorker) => port.postMessage(message);

async function readOne(start: Extract<ToWorker, { type: "start" }>): Promise<void> {
  let batch: RawRecord[] = [];
  try {
    for await (const record of readWorkbookRecords(start.source, start.limits)) {
      batch.push(record);
      if (batch.length < ROWS_PER_MESSAGE) continue;
      send({ type: "rows", rows: batch });
      batch = [];
      await receive();
    }
    if (batch.length) {
      send({ type: "rows", rows: batch });
      await receive();
    }
    send({ type: "end" });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (isImportFileError(error)) send({ type: "failed", key: error.messageKey, params: error.details.params, detail });
    else send({ type: "failed", key: "errors.import.internal", params: undefined, detail });
  }
}

for (;;) {
  const message = await receive();
  if (message.type === "start") await readOne(message);
}
