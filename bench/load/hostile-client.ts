/**
 * The one hostile client: uploads every file of the hostile corpora (XLSX and text, built by
 * the scripts, nothing downloaded) in turn, each followed by the preview that reads it, until
 * stopped. A file counts as refused when the upload answers with an error or the preview names
 * one.
 */
import { hostileXlsxCases } from "../../scripts/hostile-corpus";
import { textCorpus } from "../../scripts/hostile-corpus-text";
import { trpcMutation, upload, type Session } from "./http";

export type HostileFile = { fileName: string; bytes: Uint8Array };
export type HostileTally = { sent: number; refused: number; accepted: number; unexpected: string[] };

/** Built once before the load starts, so building them costs the server no CPU while measured. */
export function hostileFiles(): HostileFile[] {
  return [
    ...hostileXlsxCases().map((c) => ({ fileName: `${c.name}.xlsx`, bytes: c.build() })),
    ...textCorpus().map((f) => ({ fileName: f.name, bytes: f.bytes })),
  ];
}

export function startHostileClient(base: string, session: Session, shopId: string, files: readonly HostileFile[]): { stop(): Promise<HostileTally> } {
  const tally: HostileTally = { sent: 0, refused: 0, accepted: 0, unexpected: [] };
  let stopping = false;
  const loop = (async () => {
    for (let i = 0; !stopping; i = (i + 1) % files.length) {
      const file = files[i];
      if (!file) break;
      tally.sent++;
      try {
        const uploaded = await upload(base, session, file.fileName, file.bytes);
        if (!uploaded.ok) {
          tally.refused++;
          continue;
        }
        // The preview answers a file it cannot read with errorKey set, not with an error.
        const preview = await trpcMutation<{ errorKey: string | null }>(base, session, "imports.preview", { uploadId: uploaded.uploadId, shopId });
        if (preview.ok && preview.data.errorKey === null) tally.accepted++;
        else tally.refused++;
        // A 500 is the server failing, not refusing: reported separately.
        if (!preview.ok && preview.status >= 500) tally.unexpected.push(`${file.fileName}: ${preview.error}`);
      } catch (error) {
        tally.refused++;
        tally.unexpected.push(`${file.fileName}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      return tally;
    },
  };
}
