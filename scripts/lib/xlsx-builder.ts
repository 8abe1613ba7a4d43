import type { ZipEntrySpec } from "./zip-writer";
import { makeZip } from "./zip-writer";

/** Builds minimal XLSX workbooks part by part, so a corpus can replace any one part with a hostile one. */

export type PartName =
  | "[Content_Types].xml"
  | "_rels/.rels"
  | "xl/workbook.xml"
  | "xl/_rels/workbook.xml.rels"
  | "xl/styles.xml"
  | "xl/sharedStrings.xml"
  | "xl/worksheets/sheet1.xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

export const xmlEscape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const columnName = (index: number): string => {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** Rows as <row> elements; strings point into `shared` (added as met), numbers stay numbers. */
export function rowsXml(rows: (string | number)[][], shared: string[], firstRow = 1): string {
  const index = new Map(shared.map((s, i) => [s, i]));
  return rows
    .map((row, r) => {
      const cells = row.map((value, c) => {
        const ref = `${columnName(c)}${firstRow + r}`;
        if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
        let at = index.get(value);
        if (at === undefined) {
          at = shared.length;
          shared.push(value);
          index.set(value, at);
        }
        return `<c r="${ref}" t="s"><v>${at}</v></c>`;
      });
      return `<row r="${firstRow + r}">${cells.join("")}</row>`;
    })
    .join("");
}

export const sheetXml = (rows: string, dimension = "A1"): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`;

export const sharedStringsXml = (strings: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join("")}</sst>`;

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

function defaultParts(): Record<PartName, string> {
  return {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="订单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"/>`,
    "xl/sharedStrings.xml": sharedStringsXml([]),
    "xl/worksheets/sheet1.xml": sheetXml(""),
  };
}

/** A workbook holding `rows` on its one sheet; `parts` replaces any part (text or a ready ZIP entry). */
export function buildXlsx(rows: (string | number)[][], parts: Partial<Record<PartName, string | Omit<ZipEntrySpec, "name">>> = {}): Uint8Array {
  const shared: string[] = [];
  const base = defaultParts();
  base["xl/worksheets/sheet1.xml"] = sheetXml(rowsXml(rows, shared));
  base["xl/sharedStrings.xml"] = sharedStringsXml(shared);
  const entries = (Object.keys(base) as PartName[]).map((name): ZipEntrySpec => {
    const part = parts[name] ?? base[name];
    return typeof part === "string" ? { name, data: utf8(part) } : { name, ...part };
  });
  return makeZip(entries);
}
