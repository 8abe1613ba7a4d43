import { and, desc, eq } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { platformScoreSnapshots } from "@/db/schema";
import type { EncodingChoice } from "@/lib/contracts/imports";
import { withTenant } from "@/server/db/tenant";
import { getEntity } from "@/server/entities/queries";
import type { ImportSource } from "@/server/imports/source";
import { audit } from "@/server/lib/audit";
import { badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai, type Day } from "@/server/lib/time";
import { pointsRuleSetFor } from "@/server/parameters/explain";
import { CURRENT_INDICATORS } from "@/server/scoring/current/indicator-codes";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import { readPlatformScoreFile, type RejectedRow } from "./parse";

export type PlatformScoreImportSummary = {
  shopId: string;
  fileName: string;
  encoding: string | null;
  rows: number;
  days: { day: Day; score: number | null; dimensions: number; indicators: number }[];
  rejected: RejectedRow[];
};

/**
 * Imports a file of the platform's own scores for a shop (one snapshot per day it names, source
 * "import", 100-point scale). A day imported again is replaced, so re-importing a file changes
 * nothing; synced snapshots are left as they are. Audited with the import's counts.
 */
export async function importPlatformScores(
  tx: Tx,
  scope: OrgScope,
  input: { shopId: string; source: ImportSource; fileName: string; encoding?: EncodingChoice; today?: Day },
): Promise<PlatformScoreImportSummary> {
  const shop = await getEntity(tx, scope, "shop", input.shopId);
  const parsed = await readPlatformScoreFile(input.source, { fileName: input.fileName, today: input.today ?? todayInShanghai(), encoding: input.encoding });
  const orgId = scope.orgId;
  const takenAt = new Date();
  for (const reported of parsed.days) {
    await tx
      .delete(platformScoreSnapshots)
      .where(and(eq(platformScoreSnapshots.orgId, orgId), eq(platformScoreSnapshots.shopId, shop.id), eq(platformScoreSnapshots.day, reported.day), eq(platformScoreSnapshots.source, "import")));
    await tx.insert(platformScoreSnapshots).values({
      orgId,
      shopId: shop.id,
      day: reported.day,
      source: "import",
      scale: 100,
      score: reported.score === null ? null : reported.score.toFixed(2),
      dimensions: reported.dimensions,
      reportedIndicators: reported.indicators,
      indicators: {},
      takenAt,
      fileName: input.fileName,
    });
  }
  const days = parsed.days.map((d) => ({ day: d.day, score: d.score, dimensions: Object.keys(d.dimensions).length, indicators: Object.keys(d.indicators).length }));
  await audit(tx, {
    orgId,
    actorUserId: scope.userId,
    action: "platformScores.import",
    target: shop.id,
    data: { fileName: input.fileName, days: days.length, firstDay: days[0]?.day ?? null, lastDay: days.at(-1)?.day ?? null, rejected: parsed.rejected.length },
  });
  return { shopId: shop.id, fileName: input.fileName, encoding: parsed.encoding, rows: parsed.rows, days, rejected: parsed.rejected };
}

export type SnapshotRow = typeof platformScoreSnapshots.$inferSelect;

/** The snapshot a day stands for: the latest taken for it (an import and a sync of one day: whichever is newer). */
export async function reportedSnapshot(tx: Tx, orgId: string, shopId: string, day?: Day): Promise<SnapshotRow | null> {
  const filters = [eq(platformScoreSnapshots.orgId, orgId), eq(platformScoreSnapshots.shopId, shopId)];
  if (day) filters.push(eq(platformScoreSnapshots.day, day));
  else filters.push(eq(platformScoreSnapshots.scale, 100));
  const [row] = await tx
    .select()
    .from(platformScoreSnapshots)
    .where(and(...filters))
    .orderBy(desc(platformScoreSnapshots.day), desc(platformScoreSnapshots.takenAt))
    .limit(1);
  if (row || day) return row ?? null;
  // No 100-point snapshot: the latest of any scale.
  const [any] = await tx
    .select()
    .from(platformScoreSnapshots)
    .where(and(eq(platformScoreSnapshots.orgId, orgId), eq(platformScoreSnapshots.shopId, shopId)))
    .orderBy(desc(platformScoreSnapshots.day), desc(platformScoreSnapshots.takenAt))
    .limit(1);
  return any ?? null;
}

/** The days the platform reported for the shop, newest first (at most 120). */
export async function reportedDays(tx: Tx, orgId: string, shopId: string): Promise<{ day: Day; source: string; score: number | null }[]> {
  const rows = await tx
    .selectDistinctOn([platformScoreSnapshots.day], { day: platformScoreSnapshots.day, source: platformScoreSnapshots.source, score: platformScoreSnapshots.score, scale: platformScoreSnapshots.scale })
    .from(platformScoreSnapshots)
    .where(and(eq(platformScoreSnapshots.orgId, orgId), eq(platformScoreSnapshots.shopId, shopId)))
    .orderBy(desc(platformScoreSnapshots.day), desc(platformScoreSnapshots.takenAt))
    .limit(120);
  return rows.map((r) => ({ day: r.day, source: r.source, score: r.score === null ? null : Number(r.score) }));
}

const difference = (ours: number | null | undefined, theirs: number | null | undefined): number | null =>
  ours === null || ours === undefined || theirs === null || theirs === undefined ? null : ours - theirs;

/**
 * Koubei's 100-point score of a shop beside what the platform reported for the same day, number
 * by number: the overall score, each dimension's score, each indicator's value and band, and the
 * differences (Koubei − platform). Koubei's score is under the shop's own rule set when that is a
 * Douyin 100-point one, else douyin-shop-2026-07's unless the organisation's entries for the
 * shop's category name another rule set; with the organisation's entries either way. The
 * day: the one asked for, else the latest the platform reported (100-point first), else today.
 */
export async function comparePlatformScores(handle: DbHandle, scope: OrgScope, input: { shopId: string; day?: Day }) {
  const today = todayInShanghai();
  if (input.day && input.day > today) throw badInput("scoreDayInFuture", "day", { day: today });
  const found = await withTenant(handle, scope, async (tx) => {
    const shop = await getEntity(tx, scope, "shop", input.shopId);
    const snapshot = await reportedSnapshot(tx, scope.orgId, shop.id, input.day);
    // A shop scored under a Douyin 100-point rule set is compared under it; any other under the one its category's entries name.
    const own = findPointsRuleSet(shop.ruleSet);
    const ruleSetName = own?.family === "douyin-100" ? own.name : await pointsRuleSetFor(tx, scope.orgId, shop.categoryCode);
    return { shop, snapshot, ruleSetName, days: await reportedDays(tx, scope.orgId, shop.id) };
  });
  const ruleSet = findPointsRuleSet(found.ruleSetName);
  if (!ruleSet) throw badInput("unknownRuleSet", "ruleSet", { value: found.ruleSetName });
  const day = input.day ?? found.snapshot?.day ?? today;
  const [scored] = await scoreShopsUnderCurrentRules(handle, { orgId: scope.orgId, ruleSetName: ruleSet.name, day, shopIds: [found.shop.id] });
  const koubei = scored?.score ?? null;
  const snapshot = found.snapshot;
  const hundred = snapshot?.scale === 100;
  const platformScore = snapshot?.score === null || snapshot?.score === undefined ? null : Number(snapshot.score);
  return {
    shopId: found.shop.id,
    day,
    ruleSet: { name: ruleSet.name, labelZh: ruleSet.labelZh, labelEn: ruleSet.labelEn },
    days: found.days,
    platform: snapshot ? { source: snapshot.source, scale: snapshot.scale, takenAt: snapshot.takenAt, fileName: snapshot.fileName, score: platformScore } : null,
    koubei: koubei ? { state: koubei.state, score100: koubei.score100, score5: koubei.score5 } : null,
    overall: {
      koubei: koubei?.score100 ?? null,
      platform: hundred ? platformScore : null,
      difference: hundred ? difference(koubei?.score100, platformScore) : null,
    },
    dimensions: ruleSet.dimensions.map((dimension) => {
      const ours = koubei?.dimensions[dimension.code]?.score ?? null;
      const theirs = hundred ? (snapshot.dimensions[dimension.code]?.score ?? null) : null;
      return { code: dimension.code, nameZh: dimension.nameZh, nameEn: dimension.nameEn, koubei: ours, platform: theirs, difference: difference(ours, theirs) };
    }),
    indicators: ruleSet.dimensions.flatMap((dimension) =>
      dimension.indicators.map(({ code }) => {
        const ours = koubei?.indicators[code];
        const theirs = snapshot?.reportedIndicators[code];
        const info = CURRENT_INDICATORS[code];
        return {
          code,
          dimension: dimension.code,
          nameZh: info.nameZh,
          nameEn: info.nameEn,
          better: info.better,
          koubeiValue: ours?.value ?? null,
          koubeiBand: ours?.band ?? null,
          protected: ours?.protected ?? null,
          bandSource: ours?.bandSource ?? null,
          platformValue: theirs?.value ?? null,
          platformScore: theirs?.score ?? null,
          valueDifference: difference(ours?.value, theirs?.value),
          // A 5-point snapshot's indicator scores are on the other scale: shown, never subtracted.
          scoreDifference: hundred ? difference(ours?.band, theirs?.score) : null,
        };
      }),
    ),
  };
}

export type PlatformComparison = Awaited<ReturnType<typeof comparePlatformScores>>;
