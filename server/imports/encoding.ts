import iconv from "iconv-lite";
import type { EncodingChoice } from "@/lib/contracts/imports";
import { importFileError } from "./errors";

/** Encodings the importer decodes. GBK files are read as GB18030, its superset. */
export type TextEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export type DetectedEncoding = {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** How it was decided, shown in the preview. */
  decidedBy: "bom" | "utf16-zeros" | "valid-utf8" | "mostly-utf8" | "not-utf8" | "user";
  /** UTF-8 read leniently: a few malformed bytes become U+FFFD (and are reported) instead of refusing the file. */
  lenient?: boolean;
};

/** Whether the decoder replaces malformed bytes with U+FFFD rather than refusing them. */
export const replacesMalformedBytes = (detected: DetectedEncoding): boolean => detected.encoding !== "utf-8" || detected.lenient === true;

/**
 * UTF-8 with a few broken bytes (a truncated copy, one bad cell) rather than GBK: GBK's Chinese
 * almost never forms valid UTF-8 sequences, so a head whose non-ASCII text is nearly all valid
 * UTF-8 is UTF-8, and reading it as GB18030 would turn every character into the wrong one.
 */
function mostlyUtf8(head: Uint8Array): boolean {
  const text = new TextDecoder("utf-8").decode(head);
  let replaced = 0;
  let other = 0;
  for (const ch of text) {
    if (ch === "\uFFFD") replaced += 1;
    else if (ch.charCodeAt(0) > 0x7f) other += 1;
  }
  return other >= 20 && replaced * 20 <= other;
}

/** Bytes sniffed to decide between UTF-8 and GB18030 when there is no BOM. */
export const ENCODING_SNIFF_BYTES = 4 * 1024 * 1024;

function bomOf(head: Uint8Array): DetectedEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomLength: 3, decidedBy: "bom" };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2, decidedBy: "bom" };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomLength: 2, decidedBy: "bom" };
  return null;
}

/**
 * UTF-16 saved without a BOM: text in the Latin and CJK-punctuation ranges puts a zero byte in
 * every other position (odd ones for little-endian), which no CSV in another encoding does.
 */
export function utf16ByZeros(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros += 1;
    if (head[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  const guess = oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.02 ? "utf-16le" : evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.02 ? "utf-16be" : null;
  if (!guess) return null;
  // Binary data can have the same zeros; as UTF-16 it then reads as control characters.
  const text = new TextDecoder(guess).decode(head.subarray(0, n));
  const controls = text.match(/[\u0000-\u0008\u000b\u000e-\u001f]/g)?.length ?? 0;
  return controls <= text.length * 0.01 ? guess : null;
}

/**
 * A BOM decides; then UTF-16's zero bytes; else the head must be strict UTF-8 (an incomplete sequence at the cut is fine
 * unless the head is the whole file), else it is GB18030. A user's choice overrides all of it.
 */
export function detectEncoding(head: Uint8Array, options: { choice?: EncodingChoice; wholeFile?: boolean } = {}): DetectedEncoding {
  const bom = bomOf(head);
  const choice = options.choice ?? "auto";
  if (choice !== "auto") {
    const encoding: TextEncoding = choice === "gbk" ? "gb18030" : choice;
    const bomLength = bom && bom.encoding === encoding ? bom.bomLength : 0;
    return { encoding, bomLength, decidedBy: "user" };
  }
  if (bom) return bom;
  const utf16 = utf16ByZeros(head);
  if (utf16) return { encoding: utf16, bomLength: 0, decidedBy: "utf16-zeros" };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !options.wholeFile });
    return { encoding: "utf-8", bomLength: 0, decidedBy: "valid-utf8" };
  } catch {
    if (mostlyUtf8(head)) return { encoding: "utf-8", bomLength: 0, decidedBy: "mostly-utf8", lenient: true };
    return { encoding: "gb18030", bomLength: 0, decidedBy: "not-utf8" };
  }
}

export type StreamDecoder = {
  /** Decodes the next chunk; throws errors.import.notUtf8 on invalid UTF-8. */
  write(chunk: Uint8Array): string;
  end(): string;
};

export function createStreamDecoder(detected: DetectedEncoding): StreamDecoder {
  let skip = detected.bomLength;
  let offset = 0;
  const dropBom = (chunk: Uint8Array): Uint8Array => {
    if (skip === 0) return chunk;
    const n = Math.min(skip, chunk.length);
    skip -= n;
    return chunk.subarray(n);
  };
  if (detected.encoding === "gb18030") {
    const decoder = iconv.getDecoder("gb18030");
    return {
      write: (chunk) => decoder.write(Buffer.from(dropBom(chunk))),
      end: () => decoder.end() ?? "",
    };
  }
  const decoder = new TextDecoder(detected.encoding, { fatal: !replacesMalformedBytes(detected) });
  const fail = (): never => {
    throw importFileError("notUtf8", { offset });
  };
  return {
    write(chunk) {
      const bytes = dropBom(chunk);
      try {
        const text = decoder.decode(bytes, { stream: true });
        offset += bytes.length;
        return text;
      } catch {
        return fail();
      }
    },
    end() {
      try {
        return decoder.decode();
      } catch {
        return fail();
      }
    },
  };
}

/** Decodes a whole buffer (tests, small files). */
export function decodeAll(bytes: Uint8Array, choice: EncodingChoice = "auto"): { text: string; detected: DetectedEncoding } {
  const detected = detectEncoding(bytes, { choice, wholeFile: true });
  const decoder = createStreamDecoder(detected);
  return { text: decoder.write(bytes) + decoder.end(), detected };
}
