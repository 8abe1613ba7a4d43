import type { DbHandle } from "@/db/client";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import type { Locale } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { getEntity } from "@/server/entities/queries";
import { translate } from "@/server/lib/i18n";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai } from "@/server/lib/time";
import type { IndicatorCode } from "@/server/scoring/indicators";
import { getRuleSetView } from "@/server/scoring/rule-sets";
import { bilingual, scoreColumns, sheetFile, sheetOf, type ReportColumn, type SheetFormat } from "./sheets";
import { storedDays, type StoredDay } from "./stored-days";

/** A year of days at most: the history the app keeps is 90 days, older days stay if they were stored. */
const MAX_DAYS = 366;

/**
 * One shop's or creator account's stored score history as a spreadsheet: a line per stored day
 * (the newest last) with the overall, its band, each dimension, and each indicator's value and
 * peer percentile, read from the stored explanations and history days.
 */
export async function entityHistoryExport(handle: DbHandle, scope: OrgScope, target: { kind: ScoredEntityKind; id: string }, format: SheetFormat, locale: Locale) {
  const { entity, days, ruleSet } = await withTenant(handle, { orgId: scope.orgId, userId: scope.userId }, async (tx) => {
    const entity = await getEntity(tx, scope, target.kind, target.id);
    const ruleSet = getRuleSetView(entity.ruleSet);
    const from = addDays(todayInShanghai(), -(MAX_DAYS - 1));
    return { entity, ruleSet, days: await storedDays(tx, { orgId: scope.orgId, kind: target.kind, entityId: entity.id, ruleSet, from }) };
  });
  const columns: ReportColumn<StoredDay>[] = [
    { header: bilingual("day"), value: (day) => day.day },
    ...scoreColumns<StoredDay>((day) => day, {
      dimensions: ruleSet.dimensions.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })),
      indicators: ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code as IndicatorCode)),
      locale,
    }),
  ];
  const lastDay = days.at(-1)?.day ?? todayInShanghai();
  const title = translate(locale, { key: "reports.files.history" });
  const file = await sheetFile(sheetOf(columns, days), format, title);
  return { ...file, fileName: `${entity.name}-${title}-${lastDay}.${format}`, asciiName: `score-history-${lastDay}.${format}` };
}
