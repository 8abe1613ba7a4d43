/** What the evidence upload route answers. */
export type UploadedEvidence = { id: string; fileName: string; contentType: string; byteSize: number };

/** Sends one evidence file as the raw body; throws an Error carrying the server's reason in the user's language. */
export async function uploadEvidence(orgId: string, itemId: string, file: File, locale: string): Promise<UploadedEvidence> {
  const response = await fetch(`/api/checklists/items/${encodeURIComponent(itemId)}/evidence`, {
    method: "POST",
    body: file,
    headers: {
      "content-type": file.type || "application/octet-stream",
      "x-file-name": encodeURIComponent(file.name),
      "x-koubei-org": orgId,
      "x-koubei-locale": locale,
    },
  });
  const body = (await response.json().catch(() => null)) as { file?: UploadedEvidence; error?: { message?: string } } | null;
  if (!response.ok || !body?.file) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body.file;
}

export const evidenceFileUrl = (orgId: string, fileId: string) => `/api/checklists/evidence/${encodeURIComponent(fileId)}?org=${encodeURIComponent(orgId)}`;
