import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { defaultDataDir } from "@/db/client";
import { notFound } from "@/server/lib/errors";
import { importFileError } from "./errors";
import { resolveLimits, toMegabytes } from "./limits";

/**
 * Uploaded files wait on disk until they are previewed and imported. Each one lives in its
 * organisation's folder under a random id (`<dataDir>/uploads/<orgId>/<uploadId>.upload`, with
 * its metadata beside it): the client only ever names an upload id, and the server finds the
 * file inside the caller's own organisation, so a path from a client is never used.
 */
export type StoredUpload = { uploadId: string; orgId: string; fileName: string; sizeBytes: number; uploadedBy: string | null; uploadedAt: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Uploads older than this are removed when the next one arrives (imports keep their own results). */
const KEEP_MS = 7 * 24 * 3600 * 1000;

export function uploadsRoot(): string {
  return path.join(defaultDataDir(), "uploads");
}

function orgDir(orgId: string): string {
  if (!UUID.test(orgId)) throw notFound("uploadNotFound");
  return path.join(uploadsRoot(), orgId.toLowerCase());
}

const dataPath = (orgId: string, uploadId: string) => path.join(orgDir(orgId), `${uploadId.toLowerCase()}.upload`);
const metaPath = (orgId: string, uploadId: string) => path.join(orgDir(orgId), `${uploadId.toLowerCase()}.json`);

/** The file's own name without any folders (shown in the UI; import names use it, never as a path). */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f]/g, "").trim();
  return (base || "upload").slice(0, 200);
}

/**
 * Streams one file to the organisation's upload folder, never holding it in memory; refuses it
 * (and removes what was written) once it passes the import size limit.
 */
export async function saveUpload(
  input: { orgId: string; userId: string | null; fileName: string; stream: Readable; maxBytes?: number },
): Promise<StoredUpload> {
  const maxBytes = input.maxBytes ?? resolveLimits().maxBytes;
  const dir = orgDir(input.orgId);
  await fs.promises.mkdir(dir, { recursive: true });
  void removeOldUploads(input.orgId);
  const uploadId = randomUUID();
  const target = dataPath(input.orgId, uploadId);
  let size = 0;
  try {
    await pipeline(
      input.stream,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) done(importFileError("tooLarge", { size: `> ${toMegabytes(maxBytes)}`, limit: toMegabytes(maxBytes) }));
          else done(null, chunk);
        },
      }),
      fs.createWriteStream(target, { flags: "wx" }),
    );
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  if (size === 0) {
    await fs.promises.rm(target, { force: true });
    throw importFileError("emptyFile");
  }
  const stored: StoredUpload = {
    uploadId,
    orgId: input.orgId,
    fileName: cleanFileName(input.fileName),
    sizeBytes: size,
    uploadedBy: input.userId,
    uploadedAt: new Date().toISOString(),
  };
  await fs.promises.writeFile(metaPath(input.orgId, uploadId), JSON.stringify(stored));
  return stored;
}

/** The upload of this organisation with this id, and where it is; NOT_FOUND for any other. */
export async function findUpload(orgId: string, uploadId: string): Promise<StoredUpload & { path: string }> {
  if (!UUID.test(uploadId)) throw notFound("uploadNotFound");
  try {
    const meta = JSON.parse(await fs.promises.readFile(metaPath(orgId, uploadId), "utf8")) as StoredUpload;
    const file = dataPath(orgId, uploadId);
    await fs.promises.access(file, fs.constants.R_OK);
    if (meta.orgId !== orgId) throw notFound("uploadNotFound");
    return { ...meta, path: file };
  } catch {
    throw notFound("uploadNotFound");
  }
}

async function removeOldUploads(orgId: string): Promise<void> {
  try {
    const dir = orgDir(orgId);
    const now = Date.now();
    for (const name of await fs.promises.readdir(dir)) {
      const file = path.join(dir, name);
      const stat = await fs.promises.stat(file);
      if (now - stat.mtimeMs > KEEP_MS) await fs.promises.rm(file, { force: true });
    }
  } catch {
    // Housekeeping only: a failure here must not fail the upload.
  }
}
