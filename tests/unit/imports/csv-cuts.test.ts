import iconv from "iconv-lite";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { cutAfter } from "@/server/imports/csv-cuts";

const bytes = (text: string) => new TextEncoder().encode(text);
const comma = { delimiter: ",".charCodeAt(0), crlf: false };

/** Where papaparse ends records, as byte offsets after each one's newline: the prefixes it reads whole. */
function papaparseEnds(text: string, newline: "\n" | "\r\n"): number[] {
  const parse = (input: string) => new Papa.Parser({ delimiter: ",", newline, quoteChar: '"', escapeChar: '"' }).parse(input, 0, true) as Papa.ParseResult<string[]>;
  expect(parse(text).errors).toEqual([]);
  const ends: number[] = [];
  for (let end = text.indexOf(newline); end >= 0; end = text.indexOf(newline, end + 1)) {
    const prefix = text.slice(0, end + newline.length);
    const rows = parse(prefix);
    if (rows.meta.cursor === prefix.length && rows.data.length > ends.length) ends.push(bytes(prefix).length);
  }
  expect(ends).toHaveLength(parse(text).data.length);
  return ends;
}

/** Every cut the cutter makes, from the start, one record at a time. */
function cutterEnds(text: string, dialect = comma): number[] {
  const data = bytes(text);
  const ends: number[] = [];
  for (let from = 0; ; ) {
    const cut = cutAfter(data, from, from + 1, dialect);
    if (cut.end === null) return ends;
    expect(cut.records).toBe(1);
    ends.push(cut.end);
    from = cut.end;
  }
}

describe("cutting a CSV file between records", () => {
  const tricky = [
    'a,b,c\n',
    '1,"two\nlines",3\n',
    '2,"say ""hi""\n, then go",4\n',
    '3,mid"quote,5\n',
    '4,"",6\n',
    '\n',
    '5,"中文,逗号\n换行",7\n',
    '6,last,8\n',
  ].join("");

  it("cuts exactly where papaparse ends a record: quoted newlines, doubled quotes, a quote inside a cell, blank lines", () => {
    expect(cutterEnds(tricky)).toEqual(papaparseEnds(tricky, "\n"));
  });

  it("in a CRLF file a lone LF is part of a cell", () => {
    const crlf = 'a,b\r\n1,x\ny\r\n2,"q\r\nr"\r\n';
    expect(cutterEnds(crlf, { ...comma, crlf: true })).toEqual(papaparseEnds(crlf, "\r\n"));
    expect(cutterEnds(crlf, { ...comma, crlf: true })).toHaveLength(3);
  });

  it("cuts after the first record end at or past the target, counting the records and the longest", () => {
    const text = "aa\nbbbb\ncc\ndddddd\n";
    expect(cutAfter(bytes(text), 0, 4, comma)).toEqual({ end: 8, records: 2, longest: 5 });
    expect(cutAfter(bytes(text), 8, 9, comma)).toEqual({ end: 11, records: 1, longest: 3 });
  });

  it("without a record end past the target says so, and counts the rest", () => {
    expect(cutAfter(bytes('x\n"open\nquote'), 0, 3, comma)).toEqual({ end: null, records: 1, longest: 11 });
    expect(cutAfter(bytes("x\ny\nzzz"), 0, Number.POSITIVE_INFINITY, comma)).toEqual({ end: null, records: 2, longest: 3 });
  });

  it("reads GB18030 bytes: no multi-byte character holds a quote, comma or newline byte", () => {
    const gbk = new Uint8Array(iconv.encode('名称,"备注\n第二行"\n"引号""内",值\n', "gb18030"));
    let ends = 0;
    for (let from = 0; ; ) {
      const cut = cutAfter(gbk, from, from + 1, comma);
      if (cut.end === null) break;
      ends += 1;
      from = cut.end;
    }
    expect(ends).toBe(2);
  });
});
