import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { memberships, membershipShopGrants } from "@/db/schema";
import { scoredEntityKinds } from "@/lib/contracts/entities";
import type { EntityKind } from "@/lib/contracts/entity-kinds";

/**
 * Whether a user is a member of the organisation who may see this shop or creator account: the
 * rule `visibleEntities` applies to the member's own reads (limited members see their granted
 * shops only, and no creator account), asked about someone else, e.g. before assigning them work.
 */
export async function memberMaySeeEntity(tx: Tx, orgId: string, userId: string, kind: EntityKind, entityId: string): Promise<boolean> {
  const [membership] = await tx
    .select({ limited: memberships.limitedToGrants })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!membership) return false;
  if (!membership.limited) return true;
  if (!scoredEntityKinds[kind].grantScoped) return false;
  const [grant] = await tx
    .select({ shopId: membershipShopGrants.shopId })
    .from(membershipShopGrants)
    .where(and(eq(membershipShopGrants.orgId, orgId), eq(membershipShopGrants.userId, userId), eq(membershipShopGrants.shopId, entityId)));
  return grant !== undefined;
}
