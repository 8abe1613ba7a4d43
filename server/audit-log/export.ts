import ExcelJS from "exceljs";
import type { DbHandle } from "@/db/client";
import { AUDIT_EXPORT_MAX_ROWS, auditActionKey, type AuditExportFormat, type AuditFilter } from "@/lib/contracts/audit";
import type { Locale } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { translate } from "@/server/lib/i18n";
import type { OrgScope } from "@/server/lib/scope";
import { csvField, neutralizeFormula } from "@/server/lib/spreadsheet-cell";
import { auditEntries, type AuditEntry } from "./queries";

/** Times as a reader in China reads them: Asia/Shanghai wall clock, to the second. */
const shanghaiTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");

/** An action in the reader's language; an action without a message (an older one) as it is stored. */
function actionLabel(locale: Locale, action: string): string {
  const key = auditActionKey(action);
  const text = translate(locale, { key });
  return text === key ? action : text;
}

function fileRows(entries: readonly AuditEntry[], locale: Locale): string[][] {
  const t = (key: string) => translate(locale, { key: `audit.columns.${key}` });
  const header = [t("at"), t("action"), t("actionCode"), t("actor"), t("target"), t("details")];
  return [
    header,
    ...entries.map((e) => [shanghaiTime(e.at), actionLabel(locale, e.action), e.action, e.actorName ?? "", e.target ?? "", JSON.stringify(e.data)]),
  ];
}

/**
 * The audit log as the filters select it, as CSV (UTF-8 with BOM) or XLSX; every cell goes through
 * the formula guard, since targets and details hold names users typed.
 */
export async function exportAuditLog(handle: DbHandle, scope: OrgScope, filter: AuditFilter, options: { format: AuditExportFormat; locale: Locale }) {
  const entries = await withTenant(handle, scope, (tx) => auditEntries(tx, scope, filter, AUDIT_EXPORT_MAX_ROWS));
  const rows = fileRows(entries, options.locale);
  if (options.format === "csv") {
    return { body: `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`, contentType: "text/csv; charset=utf-8" };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(options.locale, { key: "audit.title" }).slice(0, 31));
  rows.forEach((row, i) => {
    const added = sheet.addRow(row.map(neutralizeFormula));
    if (i === 0) added.font = { bold: true };
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}
