import { parentPort, type Transferable } from "node:worker_threads";
import { readStretch, type StretchJob } from "./csv-stretch";
import type { FromCsvWorker, ToCsvWorker } from "./csv-worker-protocol";

/**
 * Reads stretches of one large CSV file at a time for the import (csv-parallel.ts): the main
 * thread cuts the file and stages what comes back in file order, so the parsing, checking and
 * encoding of a million rows run on the machine's other cores.
 */
const port = parentPort;
if (!port) throw new Error("csv-worker runs as a worker thread");

let job: StretchJob | null = null;
port.on("message", (message: ToCsvWorker) => {
  if (message.type === "job") {
    job = message.job;
    return;
  }
  const { index } = message.stretch;
  let reply: FromCsvWorker;
  const transfer: Transferable[] = [];
  try {
    if (!job) throw new Error("a stretch before its job");
    const result = readStretch(job, message.stretch);
    if (result.ok) transfer.push(result.lines.buffer, result.keyHashes.buffer);
    reply = { type: "stretch", result };
  } catch (error) {
    reply = { type: "failed", index, detail: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
});
