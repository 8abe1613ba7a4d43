import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { digestPreferences } from "@/db/schema";
import { DEFAULT_DIGEST_PREFERENCES, type DigestPreferences } from "@/lib/contracts/digest";
import { forbidden } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";

const fields = { daily: digestPreferences.daily, weekly: digestPreferences.weekly, inApp: digestPreferences.inApp, email: digestPreferences.email };

function memberOf(scope: OrgScope): string {
  // The CLI and jobs act without a member: preferences belong to a person.
  if (!scope.userId) throw forbidden();
  return scope.userId;
}

/** The member's own brief and digest choices (the defaults, nothing, until they choose). */
export async function readDigestPreferences(tx: Tx, scope: OrgScope): Promise<DigestPreferences> {
  const userId = memberOf(scope);
  const [row] = await tx
    .select(fields)
    .from(digestPreferences)
    .where(and(eq(digestPreferences.orgId, scope.orgId), eq(digestPreferences.userId, userId)));
  return row ?? DEFAULT_DIGEST_PREFERENCES;
}

export async function saveDigestPreferences(tx: Tx, scope: OrgScope, preferences: DigestPreferences): Promise<DigestPreferences> {
  const userId = memberOf(scope);
  const [row] = await tx
    .insert(digestPreferences)
    .values({ orgId: scope.orgId, userId, ...preferences })
    .onConflictDoUpdate({ target: [digestPreferences.orgId, digestPreferences.userId], set: { ...preferences, updatedAt: new Date() } })
    .returning(fields);
  return row ?? preferences;
}
