import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvChunkParser, detectNewline } from "@/server/imports/csv-chunks";

/** A CSV writer for the round-trip property: quotes cells with quotes, commas, line breaks, or nothing in them. */
const stringify = (rows: string[][]): string =>
  rows
    .map((r) => r.map((c) => (/["\r\n,]|^$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))
    .join("\r\n") + "\r\n";

function parseInChunks(
  text: string,
  chunk = 7,
  delimiter = ",",
): { row: number; cells: string[] }[] {
  const parser = new CsvChunkParser(delimiter, detectNewline(text), 1_000_000);
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...parser.push(text.slice(i, i + chunk)));
  out.push(...parser.end());
  return out;
}

describe("CSV chunk parser", () => {
  it("quotes, doubled quotes, delimiters and line breaks inside quotes; rows as a spreadsheet numbers them", () => {
    const text = 'a,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"multi\r\nline",\r\n\r\n3,ab"c,\r\n4,,';
    for (const chunk of [1, 2, 3, 5, 1000]) {
      expect(parseInChunks(text, chunk)).toEqual([
        { row: 1, cells: ["a", "b", "c"] },
        { row: 2, cells: ["1", "x, y", 'he said "hi"'] },
        { row: 3, cells: ["2", "multi\r\nline", ""] },
        { row: 5, cells: ["3", 'ab"c', ""] },
        { row: 6, cells: ["4", "", ""] },
      ]);
    }
  });
  it("LF files with a stray CRLF, CR-only files and tabs", () => {
    expect(parseInChunks("a,b\n1,2\r\n3,4\n", 2)).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 2, cells: ["1", "2"] },
      { row: 3, cells: ["3", "4"] },
    ]);
    expect(parseInChunks("a,b\r1,2\r", 3)).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 2, cells: ["1", "2"] },
    ]);
    expect(parseInChunks("a\tb\n1\t2\n", 3, "\t")).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 2, cells: ["1", "2"] },
    ]);
  });
  it("an unclosed quote is a plain error", () => {
    expect(() => parseInChunks('a,b\n1,"never closed\n')).toThrow(/badCsv/);
    const parser = new CsvChunkParser(",", "\n", 50);
    expect(() => parser.push(`1,"${"x".repeat(100)}`)).toThrow(/badCsv/);
  });
  it("round-trips whatever a CSV writer writes, in any chunking", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 1, max: 40 }),
        (rows, chunk) => {
          const text = stringify(rows);
          const parsed = parseInChunks(text, chunk).map((r) => r.cells);
          const expected = rows.filter((r) => !(r.length === 1 && r[0] === ""));
          expect(parsed).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
