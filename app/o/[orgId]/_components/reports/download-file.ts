"use client";

/** The file name a download response carries (RFC 5987 `filename*` first), else the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed name: the plain one below
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Fetches a report file and saves it under the server's name. An error answer (JSON, already in
 * the user's language) is thrown as its message, for the page to show instead of a raw JSON page.
 */
export async function downloadFile(href: string, fallbackName: string): Promise<void> {
  const response = await fetch(href, { credentials: "same-origin" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? response.statusText);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; the URL is let go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
