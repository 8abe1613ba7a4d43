import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { DbHandle, Tx } from "@/db/client";
import { digestDeliveries, digestRuns, organisations } from "@/db/schema";
import type { DigestKind, DigestMessage, RenderedDigest } from "@/lib/contracts/digest";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";
import type { OrgScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import { sendMail, type MailSettings } from "@/server/mail/mailer";
import { publicBaseUrl } from "@/server/mail/public-url";
import { notify } from "@/server/notifications/service";
import { allOrganisationIds } from "@/server/scoring/refresh";
import { buildDigest } from "./build";
import { deliverDigestToEndpoints } from "./endpoints";
import { digestRecipients } from "./recipients";
import { digestText, renderDigest } from "./render";

/** A run that started this long ago and never finished (the process died) may be taken over. */
const ABANDONED_AFTER_MINUTES = 30;

export type DigestDelivery = {
  userId: string;
  email: string;
  locale: string;
  /** The channels this run used for the member (a channel already served by an earlier attempt is left out). */
  channels: ("in_app" | "email")[];
  title: string;
  rendered: RenderedDigest;
};

export type DeliverDigestResult = { orgId: string; kind: DigestKind; day: Day; ran: boolean; deliveries: DigestDelivery[]; endpoints: number };

export type DeliverOptions = {
  mail?: MailSettings;
  baseUrl?: string;
  /** The queue the endpoints' deliveries go through (retries); inline without one. */
  boss?: PgBoss | null;
};

async function orgName(tx: Tx, orgId: string): Promise<string> {
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.orgId, orgId));
  return row?.name ?? "";
}

/** Claims the run of (org, kind, day): false when it ran already or another process runs it now. */
async function claimRun(tx: Tx, orgId: string, kind: DigestKind, day: Day): Promise<boolean> {
  const fresh = await tx.insert(digestRuns).values({ orgId, kind, day }).onConflictDoNothing().returning({ day: digestRuns.day });
  if (fresh.length > 0) return true;
  const resumed = await tx
    .update(digestRuns)
    .set({ startedAt: new Date() })
    .where(
      and(
        eq(digestRuns.orgId, orgId),
        eq(digestRuns.kind, kind),
        eq(digestRuns.day, day),
        isNull(digestRuns.finishedAt),
        lt(digestRuns.startedAt, sql`now() - make_interval(mins => ${ABANDONED_AFTER_MINUTES})`),
      ),
    )
    .returning({ day: digestRuns.day });
  return resumed.length > 0;
}

/** Records that the member got this run by this channel; false when it was recorded before (a resumed run). */
async function markDelivered(tx: Tx, orgId: string, kind: DigestKind, day: Day, userId: string, channel: "in_app" | "email"): Promise<boolean> {
  const rows = await tx.insert(digestDeliveries).values({ orgId, kind, day, userId, channel }).onConflictDoNothing().returning({ userId: digestDeliveries.userId });
  return rows.length > 0;
}

/** The in-app notification of a digest: its summary's numbers, with the digest page as its link. */
function notificationOf(message: DigestMessage, userId: string) {
  const params: Record<string, string | number> = { day: message.day };
  for (const [name, value] of Object.entries(message.summary.params ?? {})) if (typeof value !== "object") params[name] = value;
  return { orgId: message.orgId, userId, kind: `digest.${message.kind}`, messageKey: `notifications.digest.${message.kind}`, params, link: message.link };
}

/**
 * Sends the organisation's brief or digest of a day to every member who chose it, by the channels
 * each chose, each built from what that member may see and rendered in its language. Runs once per
 * (org, kind, day): a second call sends nothing (`ran: false`). Group bots are not among the
 * channels here: `buildDigest` + `renderDigest` give them the same message.
 */
export async function deliverDigest(handle: DbHandle, orgId: string, kind: DigestKind, day: Day, options: DeliverOptions = {}): Promise<DeliverDigestResult> {
  const claimed = await withTenant(handle, { orgId }, (tx) => claimRun(tx, orgId, kind, day));
  if (!claimed) return { orgId, kind, day, ran: false, deliveries: [], endpoints: 0 };
  const { name, recipients } = await withTenant(handle, { orgId }, async (tx) => ({ name: await orgName(tx, orgId), recipients: await digestRecipients(tx, orgId, kind) }));
  const baseUrl = options.baseUrl ?? publicBaseUrl();
  const deliveries: DigestDelivery[] = [];
  for (const recipient of recipients) {
    const { message, inApp, email } = await withTenant(handle, { orgId, userId: recipient.userId }, async (tx) => {
      const built = await buildDigest(tx, recipient.scope, { kind, day, orgName: name });
      const toApp = recipient.preferences.inApp && (await markDelivered(tx, orgId, kind, day, recipient.userId, "in_app"));
      if (toApp) await notify(tx, [notificationOf(built, recipient.userId)]);
      // Marked before sending: a mail that fails is logged, never sent twice.
      const toMail = recipient.preferences.email && (await markDelivered(tx, orgId, kind, day, recipient.userId, "email"));
      return { message: built, inApp: toApp, email: toMail };
    });
    const rendered = renderDigest(message, recipient.locale, baseUrl);
    const channels: DigestDelivery["channels"] = inApp ? ["in_app"] : [];
    if (email) {
      try {
        await sendMail({ to: recipient.email, locale: recipient.locale, subjectKey: "digest.mail.subject", bodyKey: "digest.mail.body", params: { title: rendered.title, body: digestText(rendered) } }, options.mail);
        channels.push("email");
      } catch (error) {
        logger.error({ err: error, orgId, kind, day }, "digest mail failed");
      }
    }
    deliveries.push({ userId: recipient.userId, email: recipient.email, locale: recipient.locale, channels, title: rendered.title, rendered });
  }
  // The team's group bots and webhooks that asked for it: the organisation-wide brief, once.
  let endpoints = 0;
  try {
    endpoints = await deliverDigestToEndpoints(handle, { orgId, kind, day, orgName: name, baseUrl, boss: options.boss ?? null });
  } catch (error) {
    logger.error({ err: error, orgId, kind, day }, "digest to endpoints failed");
  }
  await withTenant(handle, { orgId }, (tx) =>
    tx
      .update(digestRuns)
      .set({ finishedAt: new Date(), recipients: deliveries.length })
      .where(and(eq(digestRuns.orgId, orgId), eq(digestRuns.kind, kind), eq(digestRuns.day, day))),
  );
  return { orgId, kind, day, ran: true, deliveries, endpoints };
}

/** Every organisation's brief or digest of the day (the scheduled job); one organisation's failure does not stop the others. */
export async function deliverEveryDigest(handle: DbHandle, kind: DigestKind, day: Day, options: DeliverOptions = {}): Promise<number> {
  let sent = 0;
  for (const orgId of await allOrganisationIds(handle)) {
    try {
      sent += (await deliverDigest(handle, orgId, kind, day, options)).deliveries.length;
    } catch (error) {
      logger.error({ err: error, orgId, kind, day }, "digest failed for an organisation");
    }
  }
  return sent;
}

/** The member's own brief or digest of a day, as it would be sent (the preview page). */
export async function previewDigest(tx: Tx, scope: OrgScope, kind: DigestKind, day: Day, locale: Parameters<typeof renderDigest>[1]): Promise<RenderedDigest> {
  return renderDigest(await buildDigest(tx, scope, { kind, day, orgName: await orgName(tx, scope.orgId) }), locale);
}
