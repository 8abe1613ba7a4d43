/**
 * A file download's headers: an ASCII name for old clients, the real (Chinese) name as RFC 5987
 * `filename*`, never cached.
 */
export function downloadHeaders(file: { contentType: string; fileName: string; asciiName: string }): HeadersInit {
  return {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeRfc5987(file.fileName)}`,
    "cache-control": "no-store",
  };
}

/** encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987's attr-char does not allow. */
const encodeRfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
