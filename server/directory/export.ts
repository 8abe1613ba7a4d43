import ExcelJS from "exceljs";
import type { Tx } from "@/db/client";
import type { Locale } from "@/lib/contracts/locales";
import { translateError } from "@/server/lib/i18n";
import type { OrgScope } from "@/server/lib/scope";
import { neutralizeFormula } from "@/server/lib/spreadsheet-cell";
import { getShortlist } from "./shortlists";

const COLUMNS = ["name", "kind", "category", "overall", "scale", "product", "logistics", "service", "goodReviewRate", "trend", "contact", "status", "note", "day"] as const;

/**
 * A shortlist as an XLSX workbook in the reader's language: the candidates' published values only
 * (a hidden field is an empty cell) with each card's scale, the member's own notes and statuses. Every text cell passes
 * the formula guard: names, notes and contact lines are typed by people.
 */
export async function shortlistWorkbook(tx: Tx, scope: OrgScope, shortlistId: string, locale: Locale): Promise<{ name: string; bytes: Buffer }> {
  const shortlist = await getShortlist(tx, scope, shortlistId);
  const t = (key: string) => translateError(locale, key);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(neutralizeFormula(shortlist.name).slice(0, 31).replace(/[[\]*?/\\:]/g, "_") || "shortlist");
  sheet.addRow(COLUMNS.map((c) => t(`directory.columns.${c}`)));
  const text = (value: string | null | undefined) => (value ? neutralizeFormula(value) : "");
  for (const item of shortlist.items) {
    const card = item.card;
    sheet.addRow([
      text(card?.name ?? t("directory.unlisted")),
      card ? t(`directory.kinds.${card.kind}`) : "",
      text(card?.category ? (locale === "en" ? card.category.nameEn : card.category.nameZh) : null),
      card?.overall ?? null,
      // The scores' maximum (5 or 100): a 100-point 85 beside a 5-point 4.8 is not misread.
      card?.scale.max ?? null,
      card?.dimensions?.product ?? null,
      card?.dimensions?.logistics ?? null,
      card?.dimensions?.service ?? null,
      card?.goodReviewRate ?? null,
      card?.trend?.direction ? t(`directory.trends.${card.trend.direction}`) : "",
      text(card?.contact),
      t(`directory.statuses.${item.status}`),
      text(item.note),
      card?.day ?? "",
    ]);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(COLUMNS.indexOf("goodReviewRate") + 1).numFmt = "0.0%";
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { name: shortlist.name, bytes };
}
