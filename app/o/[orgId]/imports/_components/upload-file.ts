/** What the upload route answers for each stored file. */
export type UploadedFile = { uploadId: string; fileName: string; sizeBytes: number };

/**
 * Sends one file as the raw request body (the route streams it to disk) and returns its upload
 * id; throws an Error with the server's reason, already in the user's language.
 */
export async function uploadFile(orgId: string, file: File, locale: string): Promise<UploadedFile> {
  const response = await fetch("/api/imports/upload", {
    method: "POST",
    body: file,
    headers: {
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent(file.name),
      "x-koubei-org": orgId,
      "x-koubei-locale": locale,
    },
  });
  const body = (await response.json().catch(() => null)) as { uploads?: UploadedFile[]; error?: { message?: string } } | null;
  const first = body?.uploads?.[0];
  if (!response.ok || !first) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return first;
}

export const rejectedRowsUrl = (orgId: string, importId: string) => `/api/imports/${importId}/rejected?org=${encodeURIComponent(orgId)}`;
