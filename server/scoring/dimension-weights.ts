import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { dimensionWeightOverrides, shops } from "@/db/schema";
import { categoryCodeFor } from "@/server/catalog/service";
import { badInput } from "@/server/lib/errors";
import { markShopFactsChanged } from "./refresh";
import { findRuleSet } from "./rule-sets";
import { setDimensionWeights } from "./service";
import { audit } from "@/server/lib/audit";

const weight = z.number().min(0, "errors.weightRange").max(1, "errors.weightRange");

/** An organisation's dimension weights for one rule set and category; null goes back to the rule set's. */
export const dimensionWeightsInput = z.object({
  ruleSet: z.string().min(1).max(64),
  category: z.string().trim().min(1, "errors.required").max(64),
  weights: z
    .object({ product: weight, logistics: weight, service: weight })
    .refine((w) => Math.abs(w.product + w.logistics + w.service - 1) < 1e-9, {
      message: "errors.weightsSum",
      path: ["product"],
    })
    .nullable(),
});

export async function listDimensionWeights(tx: Tx, orgId: string) {
  return tx
    .select({
      ruleSet: dimensionWeightOverrides.ruleSet,
      categoryCode: dimensionWeightOverrides.categoryCode,
      weights: dimensionWeightOverrides.weights,
    })
    .from(dimensionWeightOverrides)
    .where(eq(dimensionWeightOverrides.orgId, orgId))
    .orderBy(dimensionWeightOverrides.ruleSet, dimensionWeightOverrides.categoryCode);
}

/**
 * Sets (or clears) the override and marks the organisation's shops of that category for rescoring,
 * so their scores and history pick the new weights up in the background. Creator accounts follow
 * at the nightly scoring.
 */
export async function changeDimensionWeights(
  tx: Tx,
  scope: { orgId: string; userId: string | null },
  input: z.infer<typeof dimensionWeightsInput>,
): Promise<{ categoryCode: string; shopsToRescore: number }> {
  const orgId = scope.orgId;
  const ruleSet = findRuleSet(input.ruleSet);
  if (!ruleSet) throw badInput("unknownRuleSet", "ruleSet", { value: input.ruleSet });
  const categoryCode = await categoryCodeFor(tx, input.category);
  await setDimensionWeights(tx, orgId, {
    ruleSet: ruleSet.name,
    categoryCode,
    weights: input.weights,
  });
  await audit(tx, { orgId, actorUserId: scope.userId, action: "weights.change", target: `${ruleSet.name}:${categoryCode}`, data: { ruleSet: ruleSet.name, categoryCode, weights: input.weights } });
  if (ruleSet.entityKind !== "shop") return { categoryCode, shopsToRescore: 0 };
  const affected = await tx
    .select({ id: shops.id })
    .from(shops)
    .where(
      and(
        eq(shops.orgId, orgId),
        eq(shops.categoryCode, categoryCode),
        eq(shops.ruleSet, ruleSet.name),
        isNull(shops.archivedAt),
      ),
    );
  for (const shop of affected) await markShopFactsChanged(tx, orgId, shop.id, null);
  return { categoryCode, shopsToRescore: affected.length };
}
