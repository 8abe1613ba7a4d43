import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { message } from "@/lib/contracts/message";
import { importFileError } from "./errors";

/**
 * Streaming XML for workbook parts: saxes never expands DTD entities, and a part that declares
 * a DOCTYPE at all is refused (no workbook needs one; "billion laughs" does).
 */

export type XmlHandlers = {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
};

/** `x:row` and `row` are the same element: generators differ in prefixes. */
export const localName = (name: string): string => name.slice(name.indexOf(":") + 1);

/** saxes holds a whole text node or attribute before reporting it; this bounds how long one may get. */
export function maxMarkupGap(maxCellChars: number): number {
  // Escapes ("&#x4E2D;") are up to ten characters per character read.
  return maxCellChars * 10 + 64 * 1024;
}

/**
 * The longest run without "<" that ends in or crosses this chunk, and the run still open at its
 * end. Runs wholly inside a chunk shorter than the limit cannot break it, so only the ends are
 * looked at unless the chunk itself is that long.
 */
function longestGap(chunk: string, carried: number, limit: number): { longest: number; trailing: number } {
  const first = chunk.indexOf("<");
  if (first < 0) return { longest: carried + chunk.length, trailing: carried + chunk.length };
  const trailing = chunk.length - 1 - chunk.lastIndexOf("<");
  let longest = Math.max(carried + first, trailing);
  if (chunk.length > limit) {
    for (let at = first, next = chunk.indexOf("<", first + 1); next >= 0; at = next, next = chunk.indexOf("<", next + 1)) longest = Math.max(longest, next - at - 1);
  }
  return { longest, trailing };
}

/**
 * Feeds a part through saxes chunk by chunk; `build` receives an emit function and returns the
 * handlers. Items emitted while one chunk is parsed are yielded before the next chunk is read,
 * so memory holds one chunk's worth of rows.
 */
export async function* streamXml<T>(stream: Readable, maxGap: number, build: (emit: (item: T) => void) => XmlHandlers): AsyncGenerator<T> {
  const out: T[] = [];
  const handlers = build((item) => out.push(item));
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on("doctype", () => {
    throw importFileError("damagedXlsx", { detail: message("importer.details.xmlDoctype") });
  });
  parser.on("opentag", (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes));
  parser.on("closetag", (tag: SaxesTagPlain) => handlers.close(localName(tag.name)));
  parser.on("text", (text) => handlers.text(text));
  parser.on("cdata", (text) => handlers.text(text));
  // XML parts are UTF-8 unless a byte-order mark says UTF-16 (little-endian is what Windows
  // writes; big-endian parts end in saxes's error). Invalid UTF-8 becomes U+FFFD, as in CSV.
  let decoder: StringDecoder | null = null;
  let trailing = 0;
  const feed = (text: string) => {
    const gap = longestGap(text, trailing, maxGap);
    if (gap.longest > maxGap) throw importFileError("damagedXlsx", { detail: message("importer.details.xmlRunTooLong", { limit: maxGap }) });
    trailing = gap.trailing;
    parser.write(text);
  };
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      decoder ??= new StringDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? "utf16le" : "utf8");
      feed(decoder.write(bytes));
      if (out.length) yield* out.splice(0, out.length);
    }
    feed(decoder?.end() ?? "");
    parser.close();
    if (out.length) yield* out.splice(0, out.length);
  } finally {
    stream.destroy();
  }
}

/** Collects text inside chosen elements up to a cap; text past the cap is dropped as it arrives. */
export class TextCapture {
  private parts: string[] = [];
  private length = 0;
  capturing = false;
  constructor(private readonly max: number) {}
  append(text: string): void {
    if (!this.capturing) return;
    const room = this.max - this.length;
    if (room <= 0) return;
    const kept = text.length > room ? text.slice(0, room) : text;
    this.parts.push(kept);
    this.length += kept.length;
  }
  take(): string {
    const text = this.parts.length === 1 ? (this.parts[0] ?? "") : this.parts.join("");
    this.parts = [];
    this.length = 0;
    return text;
  }
}
