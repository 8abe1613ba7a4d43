import type { DbHandle } from "@/db/client";
import { SCORED_ENTITY_KINDS, type ScoredEntityKind } from "@/lib/contracts/entities";
import type { Locale } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { listEntities } from "@/server/entities/queries";
import { translate } from "@/server/lib/i18n";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai } from "@/server/lib/time";
import { DIMENSION_CODES, DIMENSION_NAMES, INDICATOR_ORDER } from "@/server/scoring/indicators";
import { getRuleSetView } from "@/server/scoring/rule-sets";
import { bilingual, scoreColumns, sheetFile, sheetOf, type ReportColumn, type SheetFormat } from "./sheets";
import { latestExplainedDays, type StoredDay } from "./stored-days";

type EntityLine = { kind: ScoredEntityKind; name: string; externalId: string; ruleSet: string; day: StoredDay | null };

/**
 * Every shop and creator account the member may see (limited members: their granted shops only),
 * each with its newest stored score: overall, band, dimensions, and every indicator's value and
 * peer percentile, read from the stored explanation. An entity not scored yet is a line with its
 * name and empty scores.
 */
export async function organisationScoresExport(handle: DbHandle, scope: OrgScope, format: SheetFormat, locale: Locale) {
  const lines = await withTenant(handle, { orgId: scope.orgId, userId: scope.userId }, async (tx) => {
    const all: EntityLine[] = [];
    for (const kind of SCORED_ENTITY_KINDS) {
      const entities = await listEntities(tx, scope, kind, { includeArchived: false });
      for (const ruleSetName of new Set(entities.map((e) => e.ruleSet))) {
        const ofRuleSet = entities.filter((e) => e.ruleSet === ruleSetName);
        const latest = await latestExplainedDays(tx, { orgId: scope.orgId, kind, ruleSet: getRuleSetView(ruleSetName), entityIds: ofRuleSet.map((e) => e.id) });
        for (const e of ofRuleSet) all.push({ kind, name: e.name, externalId: e.externalId, ruleSet: e.ruleSet, day: latest.get(e.id) ?? null });
      }
    }
    return all.sort((a, b) => SCORED_ENTITY_KINDS.indexOf(a.kind) - SCORED_ENTITY_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name, "zh-CN"));
  });
  const used = new Set(lines.flatMap((line) => getRuleSetView(line.ruleSet).dimensions.flatMap((d) => d.indicators.map((i) => i.code as string))));
  const columns: ReportColumn<EntityLine>[] = [
    { header: bilingual("kind"), value: (line) => translate(locale, { key: `reports.kinds.${line.kind}` }) },
    { header: bilingual("name"), value: (line) => line.name },
    { header: bilingual("externalId"), value: (line) => line.externalId },
    { header: bilingual("ruleSet"), value: (line) => line.ruleSet },
    { header: bilingual("day"), value: (line) => line.day?.day ?? null },
    ...scoreColumns<EntityLine>((line) => line.day, {
      dimensions: DIMENSION_CODES.map((code) => ({ code, ...DIMENSION_NAMES[code] })),
      indicators: INDICATOR_ORDER.filter((code) => used.has(code)),
      locale,
    }),
  ];
  const day = todayInShanghai();
  const title = translate(locale, { key: "reports.files.organisation" });
  const file = await sheetFile(sheetOf(columns, lines), format, title);
  return { ...file, fileName: `${title}-${day}.${format}`, asciiName: `scores-${day}.${format}` };
}
