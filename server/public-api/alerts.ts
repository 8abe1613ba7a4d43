import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Locale } from "@/lib/contracts/locales";
import { translate } from "@/server/lib/i18n";
import type { OrgScope } from "@/server/lib/scope";

/**
 * The organisation's alerts as the public API lists them. Until alert rules land these are the
 * organisation-wide in-app notifications (addressed to no one member: a key acts for the
 * organisation, never reads one member's own), newest first, rendered in the request's language.
 */
export async function listOrganisationAlerts(tx: Tx, scope: OrgScope, locale: Locale, limit = 50) {
  const rows = await tx
    .select({ id: notifications.id, kind: notifications.kind, messageKey: notifications.messageKey, params: notifications.params, link: notifications.link, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.orgId, scope.orgId), isNull(notifications.userId)))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return {
    items: rows.map((row) => ({
      ...row,
      message: translate(locale, { key: row.messageKey, params: row.params }),
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
