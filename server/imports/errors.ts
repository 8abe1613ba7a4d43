import { AppError } from "@/server/lib/errors";

/**
 * Every reason an import file can be refused as a whole. Each has a message key (errors.import.*)
 * for the UI's language and an English sentence for logs, the CLI and the stored import row.
 */
export const IMPORT_FILE_ERRORS = {
  emptyFile: "The file is empty.",
  tooLarge: "The file is {size} MB, over the {limit} MB limit.",
  tooManyRows: "The file has more than {limit} rows.",
  binaryFile: "This is not a CSV or XLSX file (it looks like binary data).",
  unsupportedType: "Unsupported file type {type}: upload a CSV or XLSX export.",
  legacyXls: "This is a legacy Excel .xls file: open it in Excel and save it as .xlsx or CSV.",
  htmlXls: "This .xls file is really a web page (HTML): open it in Excel and save it as .xlsx or CSV.",
  zipBomb: "The XLSX file expands to {size} MB: refused as a possible zip bomb.",
  damagedXlsx: "The XLSX file is damaged or not a workbook: {detail}",
  noSheet: "The XLSX workbook has no worksheet with data.",
  notUtf8: "The file is not valid UTF-8 after byte {offset}: choose the GBK/GB18030 encoding and retry.",
  badCsv: "The file cannot be read as CSV near line {line}: {detail}",
  noHeader: "No recognisable header row: the first row should hold column names like 订单编号 or order_id.",
  wrongKind: "The headers do not fit a {kind} file; this looks like a {detected} file.",
  missingColumns: "Required columns are missing for a {kind} file: {columns}.",
  badMapping: "The column mapping is invalid: {detail}",
  piiMapping: "Column {column} holds buyer details and can never be imported.",
  passwordZip: "{file}: the ZIP is password-protected; upload it without a password.",
  damagedZip: "{file}: the ZIP is damaged: {detail}",
  manifest: "The manifest is invalid: {detail}",
  rowsRejected: "{count} rows were rejected and the import was set to refuse the file in that case.",
  alreadyRun: "This import has already run; upload the file again to import it anew.",
  notUndoable: "Only a succeeded import can be undone (this one is {status}).",
  changedSince: "{count} rows of this import were changed by a later import: undo that import first.",
  internal: "The import failed unexpectedly; it can be retried.",
} as const;

export type ImportFileErrorKey = keyof typeof IMPORT_FILE_ERRORS;

export function importFileError(key: ImportFileErrorKey, params: Record<string, string | number> = {}): AppError {
  return new AppError("BAD_INPUT", `errors.import.${key}`, { params });
}

/** English text of an import error (or any error), for logs, the CLI and imports.error. */
export function describeImportError(error: unknown): string {
  if (error instanceof AppError) {
    const key = error.messageKey.replace(/^errors\.import\./, "") as ImportFileErrorKey;
    const template: string | undefined = IMPORT_FILE_ERRORS[key];
    if (!template) return error.messageKey;
    const params = error.details.params ?? {};
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  }
  return error instanceof Error ? error.message : String(error);
}

export function isImportFileError(error: unknown): error is AppError {
  return error instanceof AppError && error.messageKey.startsWith("errors.import.");
}
