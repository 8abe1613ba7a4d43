import type { MessageParams } from "@/lib/contracts/message";
import type { RawRecord } from "./records";
import type { XlsxLimits } from "./xlsx-workbook";

/** Messages between the import and the worker that reads one workbook at a time. */
export type ToWorker = { type: "start"; source: { path: string } | { bytes: Uint8Array }; limits: XlsxLimits } | { type: "more" };

export type FromWorker =
  | { type: "rows"; rows: RawRecord[] }
  | { type: "end" }
  | { type: "failed"; key: string; params: MessageParams | undefined; detail: string };

/** Rows per message: large enough to amortise the copy, small enough to keep two in flight cheaply. */
export const ROWS_PER_MESSAGE = 2000;
