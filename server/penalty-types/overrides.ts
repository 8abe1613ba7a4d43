import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { penaltyTypeOverrides } from "@/db/schema";
import type { PenaltyType } from "@/lib/contracts/facts";
import type { RemovePenaltyTypeInput, SetPenaltyTypeInput } from "@/lib/contracts/penalty-types";
import { normalisePenaltyLabel, penaltyTypeOf } from "@/server/catalog/penalty-types";
import { audit } from "@/server/lib/audit";
import { badInput, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { remapStoredPenalties, type Remapped } from "./remap";

export type PenaltyTypeOverrideRow = {
  label: string;
  type: PenaltyType;
  /** What the label would be without the override (the default table, or `other`): the form shows what is overridden. */
  defaultType: PenaltyType;
};

export type PenaltyTypeChange = Remapped & { label: string; type: PenaltyType | null };

/** The organisation's own penalty label → type mappings, by label. */
export async function listPenaltyTypeOverrides(tx: Tx, orgId: string): Promise<PenaltyTypeOverrideRow[]> {
  const rows = await tx
    .select({ label: penaltyTypeOverrides.label, type: penaltyTypeOverrides.type })
    .from(penaltyTypeOverrides)
    .where(eq(penaltyTypeOverrides.orgId, orgId))
    .orderBy(asc(penaltyTypeOverrides.label));
  return rows.map((row) => ({ ...row, defaultType: penaltyTypeOf(row.label) }));
}

// Labels match after normalising (penaltyTypeOf), so "刷 单" and "刷单" are one mapping, not two that race.
async function overridesOfLabel(tx: Tx, orgId: string, label: string) {
  const key = normalisePenaltyLabel(label);
  const rows = await listPenaltyTypeOverrides(tx, orgId);
  return rows.filter((row) => normalisePenaltyLabel(row.label) === key);
}

async function deleteLabels(tx: Tx, orgId: string, labels: string[]) {
  if (labels.length === 0) return;
  await tx.delete(penaltyTypeOverrides).where(and(eq(penaltyTypeOverrides.orgId, orgId), inArray(penaltyTypeOverrides.label, labels)));
}

/**
 * Maps a label to a type for the organisation (replacing its mapping of the same label), audited
 * in the same transaction; the stored penalties of that label take the new type and their shops
 * are marked for rescoring (remap.ts says why).
 */
export async function setPenaltyTypeOverride(tx: Tx, scope: Pick<OrgScope, "orgId" | "userId">, input: SetPenaltyTypeInput): Promise<PenaltyTypeChange> {
  if (normalisePenaltyLabel(input.label) === "") throw badInput("required", "label");
  const before = await overridesOfLabel(tx, scope.orgId, input.label);
  const unchanged = before.length === 1 && before[0]?.label === input.label && before[0].type === input.type;
  if (unchanged) return { label: input.label, type: input.type, penaltiesChanged: 0, shopsToRescore: 0 };
  await deleteLabels(tx, scope.orgId, before.map((row) => row.label));
  await tx.insert(penaltyTypeOverrides).values({ orgId: scope.orgId, label: input.label, type: input.type });
  const remapped = await remapStoredPenalties(tx, scope.orgId, input.label);
  await audit(tx, {
    orgId: scope.orgId,
    actorUserId: scope.userId,
    action: "penaltyTypes.set",
    target: input.label,
    data: { label: input.label, type: input.type, before: before[0]?.type ?? null, penaltiesChanged: remapped.penaltiesChanged },
  });
  return { label: input.label, type: input.type, ...remapped };
}

/** Removes the organisation's mapping of a label: the label goes back to the default table; stored penalties follow. */
export async function removePenaltyTypeOverride(tx: Tx, scope: Pick<OrgScope, "orgId" | "userId">, input: RemovePenaltyTypeInput): Promise<PenaltyTypeChange> {
  const before = await overridesOfLabel(tx, scope.orgId, input.label);
  const [first] = before;
  // Another organisation's label reads as one that does not exist.
  if (!first) throw notFound();
  await deleteLabels(tx, scope.orgId, before.map((row) => row.label));
  const remapped = await remapStoredPenalties(tx, scope.orgId, first.label);
  await audit(tx, {
    orgId: scope.orgId,
    actorUserId: scope.userId,
    action: "penaltyTypes.remove",
    target: first.label,
    data: { label: first.label, before: first.type, penaltiesChanged: remapped.penaltiesChanged },
  });
  return { label: first.label, type: null, ...remapped };
}
