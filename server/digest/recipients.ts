import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { digestPreferences, memberships, users } from "@/db/schema";
import { DEFAULT_DIGEST_PREFERENCES, type DigestKind, type DigestPreferences } from "@/lib/contracts/digest";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/contracts/locales";
import { grantedShopIds } from "@/server/members/service";
import type { OrgScope } from "@/server/lib/scope";

export type DigestRecipient = {
  userId: string;
  email: string;
  locale: Locale;
  /** What the member may see: the digest is built with it, so a limited member reads only its shops. */
  scope: OrgScope;
  preferences: DigestPreferences;
};

/** The organisation's members who chose this kind of digest, each with its own scope and language. */
export async function digestRecipients(tx: Tx, orgId: string, kind: DigestKind): Promise<DigestRecipient[]> {
  const rows = await tx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      limited: memberships.limitedToGrants,
      email: users.email,
      locale: users.locale,
      daily: digestPreferences.daily,
      weekly: digestPreferences.weekly,
      inApp: digestPreferences.inApp,
      mail: digestPreferences.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(digestPreferences, and(eq(digestPreferences.orgId, memberships.orgId), eq(digestPreferences.userId, memberships.userId)))
    .where(eq(memberships.orgId, orgId));
  const recipients: DigestRecipient[] = [];
  for (const row of rows) {
    const preferences: DigestPreferences =
      row.daily === null || row.weekly === null || row.inApp === null || row.mail === null
        ? DEFAULT_DIGEST_PREFERENCES
        : { daily: row.daily, weekly: row.weekly, inApp: row.inApp, email: row.mail };
    if (!preferences[kind] || !(preferences.inApp || preferences.email)) continue;
    const shopIds = await grantedShopIds(tx, orgId, row.userId, row.limited);
    recipients.push({
      userId: row.userId,
      email: row.email,
      locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
      scope: { orgId, userId: row.userId, role: row.role, shopIds },
      preferences,
    });
  }
  return recipients;
}
