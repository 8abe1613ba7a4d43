import { message } from "@/lib/contracts/message";
import { utf16ByZeros } from "./encoding";
import { importFileError } from "./errors";

export type FileType = "csv" | "xlsx";

const startsWith = (head: Uint8Array, bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);

/**
 * Decides CSV or XLSX from the bytes (names lie: exports renamed .xls are often HTML or CSV).
 * Legacy .xls, HTML tables, PDFs and binary garbage end in a plain error.
 */
export function detectFileType(head: Uint8Array, fileName: string): FileType {
  if (head.length === 0) throw importFileError("emptyFile");
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) throw importFileError("legacyXls");
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) throw importFileError("unsupportedType", { type: "PDF" });
  if (startsWith(head, [0x50, 0x4b])) throw importFileError("damagedXlsx", { detail: message("importer.details.truncatedZip") });
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || utf16ByZeros(head) !== null;
  const probe = head.subarray(0, 64 * 1024);
  if (!utf16) {
    const text = Buffer.from(probe.subarray(0, 2048)).toString("latin1").trimStart().toLowerCase();
    if (text.startsWith("<") && /<(html|table|!doctype|\?xml|meta|head|body)/.test(text)) {
      throw importFileError("htmlXls");
    }
    let control = 0;
    for (const byte of probe) {
      if (byte === 0) throw importFileError("binaryFile");
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
    }
    if (control > probe.length * 0.01 + 2) throw importFileError("binaryFile");
  }
  const lower = fileName.toLowerCase();
  if (/\.(pdf|docx?|pptx?|png|jpe?g|gif|zip|rar|7z|gz)$/.test(lower)) {
    throw importFileError("unsupportedType", { type: lower.slice(lower.lastIndexOf(".")) });
  }
  return "csv";
}
