import { and, eq, isNotNull, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { penalties } from "@/db/schema";
import { normalisePenaltyLabel, penaltyTypeOf } from "@/server/catalog/penalty-types";
import { loadPenaltyTypeOverrides } from "@/server/imports/context";
import { shanghaiDayOf, type Day } from "@/server/lib/time";
import { markShopFactsChanged } from "@/server/scoring/refresh";

export type Remapped = { penaltiesChanged: number; shopsToRescore: number };

/**
 * The importer stores each penalty's type (penalties.type) from its label as the mapping stood
 * then, and scoring reads that stored type. So a changed mapping would only reach files imported
 * later: instead the organisation's stored penalties of the changed label are given the type the
 * mapping now says (the label itself, type_text, is kept as the file gave it), and each shop whose
 * penalties changed is marked for rescoring from the day of its earliest changed penalty, the way
 * an import marks them. Runs in the caller's transaction, after the overrides were written.
 */
export async function remapStoredPenalties(tx: Tx, orgId: string, label: string): Promise<Remapped> {
  const key = normalisePenaltyLabel(label);
  const texts = await tx
    .selectDistinct({ text: penalties.typeText })
    .from(penalties)
    .where(and(eq(penalties.orgId, orgId), isNotNull(penalties.typeText)));
  const matching = texts.map((row) => row.text).filter((text): text is string => text !== null && normalisePenaltyLabel(text) === key);
  if (matching.length === 0) return { penaltiesChanged: 0, shopsToRescore: 0 };
  const overrides = await loadPenaltyTypeOverrides(tx, orgId);
  const earliest = new Map<string, Day>();
  let penaltiesChanged = 0;
  for (const text of matching) {
    const type = penaltyTypeOf(text, overrides);
    const changed = await tx
      .update(penalties)
      .set({ type })
      .where(and(eq(penalties.orgId, orgId), eq(penalties.typeText, text), ne(penalties.type, type)))
      .returning({ shopId: penalties.shopId, occurredAt: penalties.occurredAt });
    penaltiesChanged += changed.length;
    for (const row of changed) {
      const day = shanghaiDayOf(row.occurredAt);
      const before = earliest.get(row.shopId);
      if (before === undefined || day < before) earliest.set(row.shopId, day);
    }
  }
  for (const [shopId, day] of earliest) await markShopFactsChanged(tx, orgId, shopId, day);
  return { penaltiesChanged, shopsToRescore: earliest.size };
}

