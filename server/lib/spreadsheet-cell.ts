/**
 * The one guard against spreadsheet formula injection, for every cell Koubei writes into a file a
 * user may open in Excel, WPS or LibreOffice (CSV today; an XLSX writer must call it too). A cell
 * that starts with = + - @, a TAB or a CR — or the full-width ＝ ＋ － ＠ that Chinese input methods
 * type and spreadsheets also accept — could run as a formula, so it gets a leading apostrophe and
 * is shown as the text it is.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field: formula-guarded, then quoted when it holds a quote, the delimiter or a line break. */
export function csvField(value: string | number | null | undefined): string {
  const text = neutralizeFormula(value === null || value === undefined ? "" : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
