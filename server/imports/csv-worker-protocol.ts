import type { Stretch, StretchJob, StretchResult } from "./csv-stretch";

/** Messages between a large CSV import and a worker that reads stretches of it (csv-parallel.ts). */
export type ToCsvWorker = { type: "job"; job: StretchJob } | { type: "stretch"; stretch: Stretch };

export type FromCsvWorker = { type: "stretch"; result: StretchResult } | { type: "failed"; index: number; detail: string };
