/**
 * A small shop's five exports uploaded at once in the app, timed until its new score is readable:
 * the files saved as the upload route saves them, each confirmed as the import page confirms it
 * (queued to the job queue), then the score read polled until it has a score and no longer says
 * "recalculating". The files are the s011 sample shop's exports (≤ 250 rows each) with every date
 * moved so that their last day is yesterday, so today's window holds them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { createEntity } from "@/server/entities/service";
import { confirmUpload } from "@/server/imports/flow";
import { saveUpload } from "@/server/imports/uploads";
import { systemScope } from "@/server/lib/scope";
import { addDays, daysBetween, todayInShanghai } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { entityScore } from "@/server/scoring/queries";
import { DOUYIN_EXPORTS_DIR, SAMPLE_EXPORT_KINDS } from "./sample-paths";

const SAMPLE_DIR = path.join(DOUYIN_EXPORTS_DIR, "s011");
const DATE = /(\d{4})([-/])(\d{2})\2(\d{2})/g;

/** The five exports as UTF-8 text with their dates moved so that the newest is yesterday. */
export function recentExports(): { kind: (typeof SAMPLE_EXPORT_KINDS)[number]; text: string }[] {
  const texts = SAMPLE_EXPORT_KINDS.map((kind) => ({ kind, text: iconv.decode(fs.readFileSync(path.join(SAMPLE_DIR, `${kind}.csv`)), "gbk") }));
  let newest = "0000-00-00";
  for (const { text } of texts) for (const m of text.matchAll(DATE)) newest = `${m[1]}-${m[3]}-${m[4]}` > newest ? `${m[1]}-${m[3]}-${m[4]}` : newest;
  const shift = daysBetween(newest, addDays(todayInShanghai(), -1));
  return texts.map(({ kind, text }) => ({
    kind,
    text: text.replace(DATE, (_all, y: string, sep: string, m: string, d: string) => addDays(`${y}-${m}-${d}`, shift).replaceAll("-", sep)),
  }));
}

export type FiveFilesRun = { seconds: number; shopId: string; orgId: string };

/** One run in a new organisation and shop; the job queue's workers must be running on `boss`. */
export async function fiveFilesToScore(handle: DbHandle, boss: PgBoss, label: string, options: { timeoutMs?: number } = {}): Promise<FiveFilesRun> {
  const org = await createOrganisation(handle, { name: `five files ${label}`, kind: "agency", ownerUserId: null });
  const scope = systemScope(org.orgId);
  const shop = await withTenant(handle, { orgId: org.orgId }, (tx) => createEntity(tx, scope, "shop", { name: `小店 ${label}`, category: "apparel" }));
  const files = recentExports();
  const started = process.hrtime.bigint();
  const uploads = await Promise.all(
    files.map(async ({ kind, text }) => ({
      kind,
      upload: await saveUpload({ orgId: org.orgId, userId: null, fileName: `${kind}.csv`, stream: Readable.from([Buffer.from(`\uFEFF${text}`, "utf8")]) }),
    })),
  );
  await Promise.all(uploads.map(({ kind, upload }) => confirmUpload(handle, boss, scope, { shopId: shop.id, uploadId: upload.uploadId, kind })));
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const read = await withTenant(handle, { orgId: org.orgId }, (tx) => entityScore(tx, scope, "shop", shop.id));
    if (read.latest && !read.recalculating) break;
    if (Date.now() > deadline) throw new Error(`five files: no readable score after ${options.timeoutMs ?? 120_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, shopId: shop.id, orgId: org.orgId };
}

/** A scratch folder for uploads (KOUBEI_DATA_DIR), removed by the caller. */
export function scratchDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "koubei-bench-startup-"));
}
