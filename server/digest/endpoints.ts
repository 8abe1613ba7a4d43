import { and, eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { alertDeliveries, alertEndpoints, organisations } from "@/db/schema";
import type { DigestKind, RenderedDigest } from "@/lib/contracts/digest";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/contracts/locales";
import { dispatchDeliveries } from "@/server/alerts/deliveries";
import type { OutboundMessage } from "@/server/alerts/message";
import { withTenant } from "@/server/db/tenant";
import { systemScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import { buildDigest } from "./build";
import { renderDigest } from "./render";

/** The brief as one channel-neutral message: the summary, then each section's heading and lines. */
export function digestOutboundMessage(rendered: RenderedDigest, locale: Locale): OutboundMessage {
  const lines = [rendered.summary, ...rendered.sections.flatMap((s) => [`【${s.heading}】`, ...s.lines.map((line) => `· ${line}`)])];
  return { locale, title: rendered.title, lines, link: rendered.link, mentions: [], data: { digest: rendered.kind, day: rendered.day } };
}

/**
 * The organisation's brief or digest to the endpoints that asked for it (a team's Feishu, WeCom or
 * DingTalk group bot, a webhook): the organisation-wide view in the organisation's language, sent
 * through the alerts' logged delivery with its retries. An endpoint that already has this day's
 * brief in its log gets nothing more, so a run taken over after a crash does not post twice.
 */
export async function deliverDigestToEndpoints(
  handle: DbHandle,
  input: { orgId: string; kind: DigestKind; day: Day; orgName: string; baseUrl: string; boss: PgBoss | null },
): Promise<number> {
  const { orgId, kind, day } = input;
  const tag = `${kind}:${day}`;
  const deliveryIds = await withTenant(handle, { orgId }, async (tx) => {
    const endpoints = await tx
      .select({ id: alertEndpoints.id, channel: alertEndpoints.channel })
      .from(alertEndpoints)
      .where(and(eq(alertEndpoints.orgId, orgId), eq(alertEndpoints.enabled, true), sql`${kind} = any(${alertEndpoints.digestKinds})`));
    if (endpoints.length === 0) return [];
    const [org] = await tx.select({ locale: organisations.locale }).from(organisations).where(eq(organisations.orgId, orgId));
    const locale: Locale = org && isLocale(org.locale) ? org.locale : DEFAULT_LOCALE;
    const rendered = renderDigest(await buildDigest(tx, systemScope(orgId), { kind, day, orgName: input.orgName }), locale, input.baseUrl);
    const message = digestOutboundMessage(rendered, locale);
    const ids: string[] = [];
    for (const endpoint of endpoints) {
      const [sent] = await tx
        .select({ id: alertDeliveries.id })
        .from(alertDeliveries)
        .where(and(eq(alertDeliveries.orgId, orgId), eq(alertDeliveries.endpointId, endpoint.id), sql`${alertDeliveries.payload}->>'digest' = ${tag}`))
        .limit(1);
      if (sent) continue;
      const [row] = await tx
        .insert(alertDeliveries)
        .values({ orgId, endpointId: endpoint.id, channel: endpoint.channel, day, payload: { message, digest: tag } })
        .returning({ id: alertDeliveries.id });
      if (row) ids.push(row.id);
    }
    return ids;
  });
  if (deliveryIds.length > 0) await dispatchDeliveries(handle, orgId, deliveryIds, input.boss);
  return deliveryIds.length;
}
