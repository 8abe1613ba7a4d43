import { Transform, type Readable } from "node:stream";
import busboy from "busboy";
import { importFileError } from "./errors";
import { toMegabytes } from "./limits";
import { removeUploads, saveUpload, type StoredUpload } from "./uploads";

export type MultipartUploadInput = {
  orgId: string;
  userId: string | null;
  contentType: string;
  body: Readable;
  /** Per file. */
  maxBytes: number;
  maxFiles: number;
};

/** Room for the part headers and boundaries around the files themselves. */
const FRAMING_BYTES = 1024 * 1024;

/**
 * Streams every `file` part of a multipart/form-data body to disk as it arrives (busboy), so
 * memory never grows with the body. Each file is counted against maxBytes and the whole body
 * against maxFiles × maxBytes, whatever Content-Length says or omits; the first breach stops
 * reading the request and removes every file this request saved.
 */
export async function saveMultipartUploads(input: MultipartUploadInput): Promise<StoredUpload[]> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": input.contentType },
      defParamCharset: "utf8",
      limits: { files: input.maxFiles, fileSize: input.maxBytes + 1, fields: 20, fieldSize: 4096, parts: input.maxFiles + 20, headerPairs: 20 },
    });
  } catch {
    throw importFileError("badUpload");
  }
  const bodyLimit = input.maxBytes * input.maxFiles + FRAMING_BYTES;
  let bodyBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bodyBytes += chunk.length;
      if (bodyBytes > bodyLimit) done(importFileError("tooLarge", { size: `> ${toMegabytes(bodyLimit)}`, limit: toMegabytes(input.maxBytes) }));
      else done(null, chunk);
    },
  });

  const saving: Promise<StoredUpload>[] = [];
  const fileStreams: Readable[] = [];
  let failure: unknown = null;

  const finished = new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (failure) return;
      failure = error;
      // Stop reading the request at once; files still being written end with the same error.
      input.body.unpipe(counter);
      counter.unpipe(parser);
      input.body.destroy();
      for (const stream of fileStreams) if (!stream.readableEnded) stream.destroy(error instanceof Error ? error : undefined);
      reject(error);
    };
    parser.on("file", (field, stream, info) => {
      if (field !== "file" || failure) {
        stream.resume();
        return;
      }
      // The save's byte counter destroys the stream at the cap: stop reading the body right then,
      // not once the half-written file has been closed and removed.
      stream.on("error", fail);
      // Past fileSize busboy would skip the rest of the part unthrottled: refuse at that byte instead.
      stream.on("limit", () => fail(importFileError("tooLarge", { size: `> ${toMegabytes(input.maxBytes)}`, limit: toMegabytes(input.maxBytes) })));
      fileStreams.push(stream);
      const saved = saveUpload({ orgId: input.orgId, userId: input.userId, fileName: info.filename || "upload", stream, maxBytes: input.maxBytes });
      saved.catch(fail);
      saving.push(saved);
    });
    parser.on("filesLimit", () => fail(importFileError("tooManyFiles", { limit: input.maxFiles })));
    parser.on("partsLimit", () => fail(importFileError("badUpload")));
    parser.on("error", () => fail(importFileError("badUpload")));
    counter.on("error", fail);
    input.body.on("error", () => fail(importFileError("badUpload")));
    parser.on("close", resolve);
    input.body.pipe(counter).pipe(parser);
  });

  const settled = async () => Promise.allSettled(saving);
  try {
    await finished;
  } catch (error) {
    await removeSaved(input.orgId, await settled());
    throw error;
  }
  const results = await settled();
  const rejected = results.find((r) => r.status === "rejected");
  if (rejected) {
    await removeSaved(input.orgId, results);
    throw rejected.reason;
  }
  const uploads = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  if (uploads.length === 0) throw importFileError("emptyFile");
  return uploads;
}

async function removeSaved(orgId: string, results: PromiseSettledResult<StoredUpload>[]): Promise<void> {
  await removeUploads(orgId, results.flatMap((r) => (r.status === "fulfilled" ? [r.value.uploadId] : [])));
}
