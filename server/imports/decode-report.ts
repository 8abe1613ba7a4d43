import { message, type Message } from "@/lib/contracts/message";
import type { DetectedEncoding } from "./encoding";
import type { RawRecord } from "./records";

/**
 * Characters the decoder could not read and replaced with U+FFFD (malformed GBK bytes, a lone
 * UTF-16 surrogate, the odd broken byte in a file that is otherwise UTF-8). UTF-8 the user chose,
 * or whose head was valid, is decoded strictly and refused instead, so this stays empty for it.
 * Filled while the records are read; the preview and the import summary say how many and where.
 */
export type DecodeReport = { replaced: number; positions: { row: number; column: number }[] };

const REPLACEMENT = "\uFFFD";
/** Positions named in the note; the count says how many more there are. */
export const SHOWN_POSITIONS = 3;

export const emptyDecodeReport = (): DecodeReport => ({ replaced: 0, positions: [] });

export function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) count += 1;
  return count;
}

/**
 * Tracks replacements from decoded text to the records holding them. Records are searched only
 * while the decoder has produced replacements not yet found, so a clean file costs one native
 * search per chunk and nothing per cell.
 */
export function replacementTracker(report: DecodeReport) {
  let unplaced = 0;
  return {
    decoded(text: string): void {
      unplaced += countReplacements(text);
    },
    record(record: RawRecord): void {
      if (unplaced === 0) return;
      record.cells.forEach((cell, column) => {
        const found = countReplacements(cell);
        if (found === 0) return;
        unplaced = Math.max(0, unplaced - found);
        report.replaced += found;
        if (report.positions.length < SHOWN_POSITIONS) report.positions.push({ row: record.row, column });
      });
    },
  };
}

/** The note for the reader: how many characters were replaced and the first rows and columns. */
export function replacementNote(report: DecodeReport, encoding: DetectedEncoding | null, headers: readonly string[]): Message[] {
  if (report.replaced === 0 || !encoding) return [];
  const places = report.positions.map((p) => message("importer.notes.replacedAt", { row: p.row, column: headers[p.column] || String(p.column + 1) }));
  const positions = places.reduceRight<Message | null>((rest, place) => (rest ? message("importer.notes.replacedAtList", { first: place, rest }) : place), null);
  const label = encoding.encoding === "gb18030" ? "GBK/GB18030" : encoding.encoding.toUpperCase();
  return [message("importer.notes.replacedCharacters", { count: report.replaced, encoding: label, positions: positions ?? "" })];
}
