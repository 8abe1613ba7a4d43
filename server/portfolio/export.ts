import ExcelJS from "exceljs";
import type { Locale } from "@/lib/contracts/locales";
import { DEFAULT_PORTFOLIO_COLUMNS, type ExportFormat, type PortfolioColumn, type PortfolioRow } from "@/lib/contracts/portfolio";
import { csvField, neutralizeFormula } from "@/server/lib/spreadsheet-cell";
import { translate } from "@/server/lib/i18n";
import { DIMENSION_NAMES } from "@/server/scoring/indicators";

type Cell = string | number | null;
type ExportColumn = { header: string; value: (row: PortfolioRow) => Cell };

const FRESHNESS_KINDS = ["orders", "reviews", "afterSales", "complaints", "chats"] as const;

/**
 * The columns of a file for the columns the user chose; the name and the score day always come
 * first, and the goal (shown beside the name on the page) last when any row has one.
 */
export function exportColumns(chosen: readonly PortfolioColumn[], locale: Locale, options: { withGoal?: boolean; withThresholds?: boolean } = {}): ExportColumn[] {
  const t = (key: string) => translate(locale, { key: `portfolio.export.${key}` });
  const zh = locale === "zh-CN";
  const yesNo = (value: boolean) => t(value ? "yes" : "no");
  const byColumn: Record<PortfolioColumn, ExportColumn[]> = {
    kind: [{ header: t("kind"), value: (r) => t(`kinds.${r.kind}`) }],
    alias: [{ header: t("alias"), value: (r) => r.alias }],
    owner: [{ header: t("owner"), value: (r) => r.owner?.name ?? null }],
    category: [{ header: t("category"), value: (r) => (zh ? r.category.nameZh : r.category.nameEn) }],
    ruleSet: [{ header: t("ruleSet"), value: (r) => r.ruleSet }],
    overall: [{ header: t("overall"), value: (r) => r.overall?.shown ?? null }],
    dimensions: (["product", "logistics", "service"] as const).map((code) => ({
      header: zh ? DIMENSION_NAMES[code].nameZh : DIMENSION_NAMES[code].nameEn,
      value: (r: PortfolioRow) => r.dimensions.find((d) => d.code === code)?.score?.shown ?? null,
    })),
    change7: [{ header: t("change7"), value: (r) => r.change7 }],
    change30: [{ header: t("change30"), value: (r) => r.change30 }],
    sparkline: [],
    thresholds: [
      { header: t("nextAbove"), value: (r) => r.nextAbove?.minScore ?? null },
      { header: t("nextBelow"), value: (r) => r.nextBelow?.minScore ?? null },
    ],
    risk: [
      { header: t("riskThreshold"), value: (r) => r.risk?.threshold.minScore ?? null },
      { header: t("riskDay"), value: (r) => r.risk?.crossingDay ?? null },
      // Rows under the 100-point rules: the thresholds their score misses (only when the view has such rows).
      ...(options.withThresholds
        ? [{ header: t("thresholdsMissed"), value: (r: PortfolioRow) => r.currentThresholds?.filter((th) => th.status === "not_met").map((th) => (zh ? th.nameZh : th.nameEn)).join(zh ? "、" : ", ") || null }]
        : []),
    ],
    state: [
      { header: t("state"), value: (r) => (r.state ? t(`states.${r.state}`) : t("states.none")) },
      { header: t("missingValidOrders"), value: (r) => r.missingValidOrders },
    ],
    freshness: [
      ...FRESHNESS_KINDS.map((kind) => ({ header: t(`freshness.${kind}`), value: (r: PortfolioRow) => r.freshness[kind] })),
      { header: t("stale"), value: (r) => yesNo(r.freshness.stale) },
    ],
    grants: [{ header: t("grants"), value: (r) => r.grantees.map((g) => g.name).join(zh ? "、" : ", ") || null }],
  };
  const leading: ExportColumn[] = [
    { header: t("name"), value: (r) => r.name },
    { header: t("externalId"), value: (r) => r.externalId },
    { header: t("scoreDay"), value: (r) => r.scoreDay },
  ];
  const goal: ExportColumn[] = options.withGoal
    ? [
        { header: t("goalStatus"), value: (r) => (r.goal ? translate(locale, { key: `goals.status.${r.goal.status}` }) : null) },
        { header: t("goalTarget"), value: (r) => r.goal?.target ?? null },
        { header: t("goalDue"), value: (r) => r.goal?.dueDay ?? null },
      ]
    : [];
  return [...leading, ...chosen.flatMap((column) => byColumn[column]), ...goal];
}

/** CSV with a UTF-8 BOM (Excel then reads the Chinese), every text cell formula-guarded. */
export function portfolioCsv(columns: readonly ExportColumn[], rows: readonly PortfolioRow[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** An XLSX workbook of one sheet: numbers stay numbers, text is formula-guarded like the CSV. */
export async function portfolioXlsx(columns: readonly ExportColumn[], rows: readonly PortfolioRow[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const cell = (value: Cell) => (typeof value === "string" ? neutralizeFormula(value) : value);
  sheet.addRow(columns.map((c) => neutralizeFormula(c.header))).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => cell(c.value(row))));
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function portfolioFile(format: ExportFormat, rows: readonly PortfolioRow[], options: { columns?: readonly PortfolioColumn[]; locale: Locale }) {
  const columns = exportColumns(options.columns ?? DEFAULT_PORTFOLIO_COLUMNS, options.locale, { withGoal: rows.some((r) => r.goal), withThresholds: rows.some((r) => r.currentThresholds) });
  const sheetName = translate(options.locale, { key: "portfolio.export.sheet" });
  if (format === "csv") return { body: portfolioCsv(columns, rows), contentType: "text/csv; charset=utf-8" };
  return { body: await portfolioXlsx(columns, rows, sheetName), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}
