import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadFiles } from "@/app/api/imports/upload/route";
import type { Session } from "@/server/api/org-scope";
import type { RouteEnv } from "@/server/api/route-scope";
import { saveMultipartUploads } from "@/server/imports/multipart-upload";
import { createImport } from "@/server/imports/service";
import { discardUpload, findUpload, saveUpload, sweepOldUploads, uploadsRoot, UPLOAD_KEEP_MS } from "@/server/imports/uploads";
import { runQueuedImport } from "@/server/jobs/import-run";
import { findUserById } from "@/server/users/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { ownerWithOrg } from "../../helpers/callers";

const CAP_MB = 8;
const CAP = CAP_MB * 1024 * 1024;
const BASE = "http://koubei.test/api/imports/upload";
const SAMPLE = path.resolve(import.meta.dirname, "../../fixtures/samples/douyin-exports/s002/orders.csv");

let t: TestDatabase;
let dataDir: string;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let env: RouteEnv;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-upload-route-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  process.env.KOUBEI_MAX_UPLOAD_MB = String(CAP_MB);
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "uploader");
  const session: Session = { userId: owner.user.id, sessionVersion: (await findUserById(t.handle, owner.user.id))?.sessionVersion ?? 1 };
  env = { runtime: async () => ({ handle: t.handle, boss: null }), session: async () => session };
}, 120_000);
afterAll(async () => {
  delete process.env.KOUBEI_MAX_UPLOAD_MB;
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A request body produced as it is read, with no Content-Length (chunked): `pulled` says how
 * much of it the server asked for. Each chunk is a fresh buffer, as a network would deliver.
 */
function generatedBody(parts: { head: string; bytes: number; tail: string }) {
  const state = { pulled: 0 };
  const chunk = 64 * 1024;
  let headSent = false;
  let fileSent = 0;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!headSent) {
        headSent = true;
        const head = Buffer.from(parts.head);
        state.pulled += head.length;
        controller.enqueue(head);
        return;
      }
      if (fileSent < parts.bytes) {
        const size = Math.min(chunk, parts.bytes - fileSent);
        const bytes = Buffer.alloc(size, "1,2,3,4,5,6,7\n");
        fileSent += size;
        state.pulled += size;
        controller.enqueue(bytes);
        return;
      }
      if (!done) {
        done = true;
        controller.enqueue(Buffer.from(parts.tail));
        controller.close();
      }
    },
  });
  return { stream, state };
}

const BOUNDARY = "----koubei-test-boundary";
const filePart = (name: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`;
const closing = `\r\n--${BOUNDARY}--\r\n`;

function multipartRequest(body: ReadableStream<Uint8Array>, orgId = owner.org.orgId): Request {
  return new Request(`${BASE}?org=${orgId}`, {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
}

/** Runs the call while sampling the process's resident memory; growth is the peak over the start. */
async function withPeakRss<T>(call: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await call();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

const orgFiles = () => {
  const dir = path.join(uploadsRoot(), owner.org.orgId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe("POST /api/imports/upload streams every body to disk and cuts it off at the cap", () => {
  it("refuses a chunked multipart body far over the cap without holding it in memory", async () => {
    const before = orgFiles().length;
    const bodySize = 160 * 1024 * 1024;
    const body = generatedBody({ head: filePart("huge.csv"), bytes: bodySize, tail: closing });
    const { result: response, growth } = await withPeakRss(() => uploadFiles(multipartRequest(body.stream), undefined, env));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { messageKey: string } }).error.messageKey).toBe("errors.import.tooLarge");
    // Reading stopped near the cap instead of at the end of the body ...
    expect(body.state.pulled).toBeLessThan(CAP * 3);
    // ... and memory stayed far below the body's size (buffering it would add 160 MB; chunks
    // already read but not yet collected, and a loaded machine, account for tens of MB).
    expect(growth).toBeLessThan(bodySize / 3);
    // Nothing of the refused file stays on disk.
    expect(orgFiles().length).toBe(before);
  }, 60_000);

  it("refuses a raw chunked body over the cap the same way", async () => {
    const before = orgFiles().length;
    const body = generatedBody({ head: "", bytes: 64 * 1024 * 1024, tail: "" });
    const request = new Request(`${BASE}?org=${owner.org.orgId}`, { method: "POST", headers: { "x-file-name": "raw.csv" }, body: body.stream, duplex: "half" } as RequestInit);
    const response = await uploadFiles(request, undefined, env);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { messageKey: string } }).error.messageKey).toBe("errors.import.tooLarge");
    expect(body.state.pulled).toBeLessThan(CAP * 3);
    expect(orgFiles().length).toBe(before);
  }, 60_000);

  it("a second file over the cap removes the first one this request already saved", async () => {
    const before = orgFiles().length;
    const first = `${filePart("ok.csv")}order_id\n1\n\r\n`;
    const body = generatedBody({ head: first + filePart("second.csv"), bytes: CAP + 1024 * 1024, tail: closing });
    const response = await uploadFiles(multipartRequest(body.stream), undefined, env);
    expect(response.status).toBe(400);
    expect(orgFiles().length).toBe(before);
  }, 60_000);

  it("accepts several files under the cap, keeps their bytes and Chinese names, and stores them privately", async () => {
    const sample = fs.readFileSync(SAMPLE);
    const form = new FormData();
    form.append("file", new File([sample], "1791430000_订单.csv"));
    form.append("note", "ignored field");
    form.append("file", new File(["order_id\n1\n"], "second.csv"));
    const response = await uploadFiles(new Request(`${BASE}?org=${owner.org.orgId}`, { method: "POST", body: form }), undefined, env);
    expect(response.status).toBe(200);
    const { uploads } = (await response.json()) as { uploads: { uploadId: string; fileName: string; sizeBytes: number }[] };
    expect(uploads.map((u) => [u.fileName, u.sizeBytes])).toEqual([
      ["1791430000_订单.csv", sample.length],
      ["second.csv", 11],
    ]);
    const stored = await findUpload(owner.org.orgId, uploads[0]?.uploadId ?? "");
    expect(fs.readFileSync(stored.path).equals(sample)).toBe(true);
    expect(fs.statSync(stored.path).mode & 0o777).toBe(0o600);
    expect(fs.statSync(stored.path.replace(/\.upload$/, ".json")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(stored.path)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(uploadsRoot()).mode & 0o777).toBe(0o700);
  });

  it("refuses more files than allowed, and a body that is not multipart as it claims", async () => {
    const form = new FormData();
    for (let i = 0; i < 21; i++) form.append("file", new File(["order_id\n1\n"], `f${i}.csv`));
    const before = orgFiles().length;
    const many = await uploadFiles(new Request(`${BASE}?org=${owner.org.orgId}`, { method: "POST", body: form }), undefined, env);
    expect(((await many.json()) as { error: { messageKey: string } }).error.messageKey).toBe("errors.import.tooManyFiles");
    expect(orgFiles().length).toBe(before);

    const noBoundary = new Request(`${BASE}?org=${owner.org.orgId}`, { method: "POST", headers: { "content-type": "multipart/form-data" }, body: "x" });
    const bad = await uploadFiles(noBoundary, undefined, env);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { messageKey: string } }).error.messageKey).toBe("errors.import.badUpload");

    const empty = new FormData();
    empty.append("note", "no file");
    const none = await uploadFiles(new Request(`${BASE}?org=${owner.org.orgId}`, { method: "POST", body: empty }), undefined, env);
    expect(((await none.json()) as { error: { messageKey: string } }).error.messageKey).toBe("errors.import.emptyFile");
  });
});

describe("the whole multipart body is counted too", () => {
  it("parts that are not files to keep still count towards the body's limit", async () => {
    const otherPart = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="other"; filename="skip.bin"\r\n\r\n`;
    const body = generatedBody({ head: otherPart, bytes: 8 * 1024 * 1024, tail: closing });
    const refusal = await saveMultipartUploads({
      orgId: owner.org.orgId,
      userId: owner.user.id,
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body: Readable.fromWeb(body.stream as never),
      maxBytes: 1024,
      maxFiles: 2,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({ messageKey: "errors.import.tooLarge" });
    expect(body.state.pulled).toBeLessThan(4 * 1024 * 1024);
  });
});

describe("an upload lives only as long as its import needs it", () => {
  const save = () => saveUpload({ orgId: owner.org.orgId, userId: owner.user.id, fileName: "1791430000_订单.csv", stream: fs.createReadStream(SAMPLE) });

  it("is deleted when its import ends, inline or by the worker, succeeded or refused", async () => {
    const shop = await owner.caller.shops.create({ name: "云裳女装", category: "服饰内衣", externalId: "s002" });
    const inline = await save();
    const result = await owner.caller.imports.confirm({ uploadId: inline.uploadId, shopId: shop.id, kind: "orders" });
    expect(result.summary?.status).toBe("succeeded");
    await expect(findUpload(owner.org.orgId, inline.uploadId)).rejects.toThrow(/uploadNotFound/);

    const refused = await save();
    const wrongKind = await owner.caller.imports.confirm({ uploadId: refused.uploadId, shopId: shop.id, kind: "reviews" });
    expect(wrongKind.summary?.status).toBe("failed");
    await expect(findUpload(owner.org.orgId, refused.uploadId)).rejects.toThrow(/uploadNotFound/);

    const queued = await save();
    const { path: queuedPath } = await findUpload(owner.org.orgId, queued.uploadId);
    const ctx = { orgId: owner.org.orgId, userId: owner.user.id };
    const importId = await createImport(t.handle, ctx, { shopId: shop.id, kind: "orders", fileName: queued.fileName, sourceRef: queuedPath });
    // Until the worker has run it, the queued import's file stays.
    expect(fs.existsSync(queuedPath)).toBe(true);
    const summary = await runQueuedImport(t.handle, { ...ctx, importId });
    expect(summary?.status).toBe("succeeded");
    expect(fs.existsSync(queuedPath)).toBe(false);
  }, 120_000);

  it("never deletes a file outside the uploads folder (the CLI imports the user's own files)", async () => {
    const own = path.join(dataDir, "my-export.csv");
    fs.copyFileSync(SAMPLE, own);
    await discardUpload(own);
    await discardUpload(path.join(uploadsRoot(), "..", "my-export.csv"));
    expect(fs.existsSync(own)).toBe(true);
  });

  it("an upload nobody imports is swept after a day, whichever organisation uploads next", async () => {
    const other = await ownerWithOrg(t.handle, "sweeper");
    const stale = await save();
    const fresh = await save();
    const { path: stalePath } = await findUpload(owner.org.orgId, stale.uploadId);
    const old = new Date(Date.now() - UPLOAD_KEEP_MS - 60_000);
    fs.utimesSync(stalePath, old, old);
    fs.utimesSync(stalePath.replace(/\.upload$/, ".json"), old, old);
    await saveUpload({ orgId: other.org.orgId, userId: other.user.id, fileName: "x.csv", stream: Readable.from([Buffer.from("order_id\n1\n")]) });
    await sweepOldUploads({ force: true });
    await expect(findUpload(owner.org.orgId, stale.uploadId)).rejects.toThrow(/uploadNotFound/);
    await expect(findUpload(owner.org.orgId, fresh.uploadId)).resolves.toMatchObject({ uploadId: fresh.uploadId });
  });
});
