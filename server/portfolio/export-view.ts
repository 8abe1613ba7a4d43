import type { DbHandle } from "@/db/client";
import type { Locale } from "@/lib/contracts/locales";
import type { ExportFormat, PortfolioRow } from "@/lib/contracts/portfolio";
import { portfolioStateFromParams } from "@/lib/contracts/portfolio-url";
import { portfolioViewSchema } from "@/lib/contracts/portfolio";
import { withTenant } from "@/server/db/tenant";
import { visibleGoalProgress } from "@/server/goals/service";
import { translate } from "@/server/lib/i18n";
import type { OrgScope } from "@/server/lib/scope";
import { portfolioFile } from "./export";
import { portfolioViewRows, viewDayOf } from "./page";
import { portfolioRisks } from "./risk-source";

/** Every row of the view a portfolio URL describes, as a file named for its day. */
export async function exportPortfolio(handle: DbHandle, scope: OrgScope, params: URLSearchParams, options: { format: ExportFormat; locale: Locale }) {
  const state = portfolioStateFromParams(params);
  const view = portfolioViewSchema.parse(state.input);
  const rows: PortfolioRow[] = [];
  await withTenant(handle, { orgId: scope.orgId, userId: scope.userId }, async (tx) => {
    for await (const page of portfolioViewRows(tx, scope, view, { risks: portfolioRisks, goals: visibleGoalProgress })) rows.push(...page);
  });
  const day = viewDayOf(view);
  const file = await portfolioFile(options.format, rows, { columns: state.columns, locale: options.locale });
  const fileName = `${translate(options.locale, { key: "portfolio.export.fileName" })}-${day}.${options.format}`;
  return { ...file, day, fileName };
}
