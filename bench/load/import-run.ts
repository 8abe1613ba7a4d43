/**
 * One orders import through the app's own path: as a user makes it (upload the file, confirm it
 * for a shop, poll the import until it ends) or as an operator does (`koubei import` against the
 * same database, a process of its own). Its time is the import's own (started → finished, as
 * recorded on it), so neither the upload, the CLI's start nor the polling interval counts.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import postgres from "postgres";
import { trpcMutation, trpcQuery, upload, type Session } from "./http";

export type ImportRun = { status: string; seconds: number; uploadSeconds: number; inserted: number; rejected: number; rowsProcessed: number };

type ImportState = { status: string; inserted: number; rejected: number; rowsProcessed: number; startedAt: string | Date | null; finishedAt: string | Date | null };

const KOUBEI = path.resolve(import.meta.dirname, "..", "..", "bin", "koubei.mjs");

function runOf(state: ImportState, uploadSeconds: number): ImportRun {
  const { startedAt, finishedAt } = state;
  const seconds = startedAt && finishedAt ? (new Date(finishedAt).getTime() - new Date(startedAt).getTime()) / 1000 : Number.NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { status: state.status, seconds: round(seconds), uploadSeconds: round(uploadSeconds), inserted: state.inserted, rejected: state.rejected, rowsProcessed: state.rowsProcessed };
}

const POLL_MS = 250;

export async function importThroughApp(base: string, session: Session, file: string, shopId: string): Promise<ImportRun> {
  const t0 = performance.now();
  const body = Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
  const uploaded = await upload(base, session, "1791430000_orders.csv", body);
  if (!uploaded.ok) throw new Error(`import upload refused: ${uploaded.error}`);
  const uploadSeconds = (performance.now() - t0) / 1000;
  const confirmed = await trpcMutation<{ importId: string }>(base, session, "imports.confirm", { uploadId: uploaded.uploadId, shopId, kind: "orders" });
  if (!confirmed.ok) throw new Error(`import confirm refused: ${confirmed.error}`);
  for (;;) {
    const state = await trpcQuery<ImportState>(base, session, "imports.get", { importId: confirmed.data.importId });
    if (!state.ok) throw new Error(`import status: ${state.error}`);
    if (state.data.status !== "queued" && state.data.status !== "running") return runOf(state.data, uploadSeconds);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}


/** `koubei import` in a process of its own, on the server's database and as its role. */
export async function importThroughCli(database: { appUrl: string; ownerUrl: string }, orgId: string, file: string, shopId: string): Promise<ImportRun> {
  const child = spawn(process.execPath, [KOUBEI, "import", "--org", orgId, "--shop", shopId, "--kind", "orders", file], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, DATABASE_URL: database.appUrl, DATABASE_OWNER_URL: database.ownerUrl, KOUBEI_PEER_MIN_ORGS: "1", LOG_LEVEL: "warn" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  const owner = postgres(database.ownerUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await owner<ImportState[]>`select status, inserted, rejected, rows_processed as "rowsProcessed", started_at as "startedAt", finished_at as "finishedAt"
      from imports where shop_id = ${shopId} order by created_at desc limit 1`;
    if (!row) throw new Error(`koubei import (exit ${code}) recorded no import: ${stderr}`);
    return runOf(row, 0);
  } finally {
    await owner.end();
  }
}
