import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reasonCategoryOverrides } from "@/db/schema";
import type { ReasonOverrides } from "@/server/catalog/aftersale-reasons";
import type { TenantContext } from "@/server/db/tenant";
import { forbidden, notFound } from "@/server/lib/errors";
import { assertEntitiesInOrg } from "@/server/entities/queries";
import type { EncodingChoice, ImportKind } from "@/lib/contracts/imports";
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

export async function loadReasonOverrides(tx: Tx, orgId: string): Promise<ReasonOverrides> {
  return tx
    .select({ reason: reasonCategoryOverrides.reason, category: reasonCategoryOverrides.category })
    .from(reasonCategoryOverrides)
    .where(eq(reasonCategoryOverrides.orgId, orgId));
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
