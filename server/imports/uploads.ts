import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { defaultDataDir } from "@/db/client";
import { notFound } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { importFileError } from "./errors";
import { resolveLimits, toMegabytes } from "./limits";

/**
 * Uploaded files wait on disk until they are previewed and imported. Each one lives in its
 * organisation's folder under a random id (`<dataDir>/uploads/<orgId>/<uploadId>.upload`, with
 * its metadata beside it): the client only ever names an upload id, and the server finds the
 * file inside the caller's own organisation, so a path from a client is never used.
 *
 * They are other organisations' commercial data: folders are 0700 and files 0600 (only the server's
 * own user reads them), and a file is deleted as soon as its import ends (discardUpload), so only
 * uploads still waiting for a confirm, or for a retry of an import that crashed, stay on disk.
 */
export type StoredUpload = { uploadId: string; orgId: string; fileName: string; sizeBytes: number; uploadedBy: string | null; uploadedAt: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An upload nobody imported (or whose import crashed past its retries) is removed after this. */
export const UPLOAD_KEEP_MS = 24 * 3600 * 1000;
/** How often an upload also sweeps every organisation's folder for files past UPLOAD_KEEP_MS. */
const SWEEP_EVERY_MS = 10 * 60 * 1000;
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

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

/** Creates the folders private to the server, and narrows folders an older version made 0755. */
async function privateDir(dir: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true, mode: DIR_MODE });
  for (const folder of [uploadsRoot(), dir]) await fs.promises.chmod(folder, DIR_MODE);
}

/**
 * Streams one file to the organisation's upload folder, never holding it in memory; refuses it
 * (and removes what was written) once it passes the import size limit, whatever the request's
 * headers claimed.
 */
export async function saveUpload(
  input: { orgId: string; userId: string | null; fileName: string; stream: Readable; maxBytes?: number },
): Promise<StoredUpload> {
  const maxBytes = input.maxBytes ?? resolveLimits().maxBytes;
  const dir = orgDir(input.orgId);
  await privateDir(dir);
  void sweepOldUploads();
  const uploadId = randomUUID();
  const target = dataPath(input.orgId, uploadId);
  let size = 0;
  // The file is created before any byte is piped: a write stream opening it lazily could create
  // it after a refused body's clean-up had already run, leaving an empty file behind.
  const handle = await fs.promises.open(target, "wx", FILE_MODE);
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
      handle.createWriteStream(),
    );
  } catch (error) {
    await handle.close().catch(() => undefined);
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
  await fs.promises.writeFile(metaPath(input.orgId, uploadId), JSON.stringify(stored), { mode: FILE_MODE, flag: "wx" });
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

/** Removes uploads (file and metadata) of this organisation, e.g. those saved by a request that then failed. */
export async function removeUploads(orgId: string, uploadIds: readonly string[]): Promise<void> {
  for (const uploadId of uploadIds) {
    await fs.promises.rm(dataPath(orgId, uploadId), { force: true });
    await fs.promises.rm(metaPath(orgId, uploadId), { force: true });
  }
}

/**
 * Deletes the uploaded file an import read, once the import has ended and nothing will read it
 * again. Only a file inside the uploads folder is touched: the CLI imports the user's own files,
 * which are never deleted.
 */
export async function discardUpload(sourcePath: string | null | undefined): Promise<void> {
  if (!sourcePath) return;
  const resolved = path.resolve(sourcePath);
  const relative = path.relative(uploadsRoot(), resolved);
  const [orgId, name, ...rest] = relative.split(path.sep);
  const uploadId = name?.replace(/\.upload$/, "");
  if (relative.startsWith("..") || rest.length > 0 || !orgId || !uploadId || !UUID.test(orgId) || !UUID.test(uploadId) || !name?.endsWith(".upload")) return;
  try {
    await removeUploads(orgId, [uploadId]);
  } catch (error) {
    logger.warn({ err: error, orgId, uploadId }, "could not delete an imported upload");
  }
}

let lastSweep = 0;

/** Removes every organisation's uploads older than UPLOAD_KEEP_MS (at most every SWEEP_EVERY_MS). */
export async function sweepOldUploads(options: { now?: number; force?: boolean } = {}): Promise<void> {
  const now = options.now ?? Date.now();
  if (!options.force && now - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now;
  try {
    const root = uploadsRoot();
    for (const org of await fs.promises.readdir(root)) {
      if (!UUID.test(org)) continue;
      const dir = path.join(root, org);
      for (const name of await fs.promises.readdir(dir)) {
        const file = path.join(dir, name);
        const stat = await fs.promises.stat(file);
        if (now - stat.mtimeMs > UPLOAD_KEEP_MS) await fs.promises.rm(file, { force: true });
      }
    }
  } catch {
    // Housekeeping only: a failure here must not fail the upload.
  }
}
