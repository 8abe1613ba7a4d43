import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { penaltyTypeOverrides, reasonCategoryOverrides } from "@/db/schema";
import type { ReasonOverrides } from "@/server/catalog/aftersale-reasons";
import type { PenaltyTypeOverrides } from "@/server/catalog/penalty-types";
import type { TenantContext } from "@/server/db/tenant";
import { forbidden, notFound } from "@/server/lib/errors";
import { assertEntitiesInOrg } from "@/server/entities/queries";
import { IMPORT_OWNER_OF_KIND, type EncodingChoice, type ImportKind } from "@/lib/contracts/imports";
import type { HeaderMapping } from "./headers";
import type { ImportLimits } from "./limits";
import type { ImportSource } from "./source";

export type ImportContext = TenantContext;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireOrg(ctx: ImportContext): string {
  if (!ctx.orgId) throw forbidden();
  return ctx.orgId;
}

export async function assertShopInOrg(tx: Tx, orgId: string, shopId: string): Promise<void> {
  if (!UUID.test(shopId)) throw notFound("shopNotFound");
  await assertEntitiesInOrg(tx, "shop", orgId, [shopId]);
}

/** Whose rows an import writes: a shop (its own exports) or a creator account (creator_orders). */
export type ImportOwner = { kind: "shop" | "creator"; id: string };

/**
 * The owner of an import of this kind: the shop for the shop kinds, the creator account for
 * creator_orders. The wrong one (or none) is NOT_FOUND, as for an id of another organisation.
 */
export function importOwner(input: { kind: ImportKind; shopId?: string | null; creatorId?: string | null }): ImportOwner {
  const kind = IMPORT_OWNER_OF_KIND[input.kind];
  const id = kind === "shop" ? input.shopId : input.creatorId;
  if (!id || !UUID.test(id)) throw notFound(kind === "shop" ? "shopNotFound" : "creatorNotFound");
  return { kind, id };
}

export async function assertOwnerInOrg(tx: Tx, orgId: string, owner: ImportOwner): Promise<void> {
  await assertEntitiesInOrg(tx, owner.kind, orgId, [owner.id]);
}

export async function loadReasonOverrides(tx: Tx, orgId: string): Promise<ReasonOverrides> {
  return tx
    .select({ reason: reasonCategoryOverrides.reason, category: reasonCategoryOverrides.category })
    .from(reasonCategoryOverrides)
    .where(eq(reasonCategoryOverrides.orgId, orgId));
}

export async function loadPenaltyTypeOverrides(tx: Tx, orgId: string): Promise<PenaltyTypeOverrides> {
  return tx
    .select({ label: penaltyTypeOverrides.label, type: penaltyTypeOverrides.type })
    .from(penaltyTypeOverrides)
    .where(eq(penaltyTypeOverrides.orgId, orgId));
}

/** The organisation's own label mappings a file of this kind is read with (reasons always, as before; penalty types for penalties). */
export async function loadRowOptions(tx: Tx, orgId: string, kind: ImportKind): Promise<{ reasonOverrides: ReasonOverrides; penaltyTypeOverrides?: PenaltyTypeOverrides }> {
  const reasonOverrides = await loadReasonOverrides(tx, orgId);
  return kind === "penalties" ? { reasonOverrides, penaltyTypeOverrides: await loadPenaltyTypeOverrides(tx, orgId) } : { reasonOverrides };
}

/** One file to read, as both preview and run take it. */
export type ImportFileInput = {
  kind: ImportKind;
  source: ImportSource;
  fileName: string;
  mapping?: HeaderMapping;
  encoding?: EncodingChoice;
  limits?: Partial<ImportLimits>;
};
