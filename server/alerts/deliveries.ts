import { and, eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/db/client";
import { alertDeliveries } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";
import { secretKey } from "@/server/sync/secrets";
import { sendToEndpoint, type EndpointTarget, type SendOutcome } from "./channels";
import { loadEndpointTarget } from "./endpoints";
import type { OutboundMessage } from "./message";

export const ALERT_DELIVERY_QUEUE = "alerts.deliver";
/** Attempts per delivery, the first included; the queue waits 5 s, 10 s, 20 s … between them. */
export const MAX_ATTEMPTS = 5;

export type AlertDeliveryJob = { orgId: string; deliveryId: string };
/** What a delivery row keeps to send (and resend) itself: the message, and a member's address for their own e-mail. */
export type DeliveryPayload = { message: OutboundMessage; to?: string };

export type AttemptResult = { status: "sent" | "failed" | "pending"; attempts: number; httpStatus: number | null; error: string | null; retryable: boolean };

/**
 * One attempt at one delivery: the row and its endpoint are read in one transaction, the message
 * goes out with no transaction open (a slow receiver holds no connection), and the outcome is
 * written in another. A delivery already sent is not sent again (a repeated job).
 */
export async function attemptDelivery(handle: DbHandle, job: AlertDeliveryJob): Promise<AttemptResult | null> {
  const { orgId, deliveryId } = job;
  const loaded = await withTenant(handle, { orgId }, async (tx) => {
    const [row] = await tx.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, orgId), eq(alertDeliveries.id, deliveryId)));
    if (!row || row.status === "sent") return null;
    const payload = row.payload as DeliveryPayload;
    const target: EndpointTarget | null = row.endpointId
      ? await loadEndpointTarget(tx, () => secretKey(handle), orgId, row.endpointId)
      : payload.to
        ? { channel: "email", target: payload.to, secret: null }
        : null;
    return { row, payload, target };
  });
  if (!loaded) return null;
  const outcome: SendOutcome = loaded.target
    ? await sendToEndpoint(loaded.target, loaded.payload.message).catch((error: unknown) => ({ ok: false, httpStatus: null, error: String(error).slice(0, 500), retryable: true }))
    : { ok: false, httpStatus: null, error: "endpoint_unavailable", retryable: false };
  const attempts = loaded.row.attempts + 1;
  const status = outcome.ok ? "sent" : outcome.retryable && attempts < MAX_ATTEMPTS ? "pending" : "failed";
  await withTenant(handle, { orgId }, (tx) =>
    tx
      .update(alertDeliveries)
      .set({ status, attempts, httpStatus: outcome.httpStatus, error: outcome.error, sentAt: outcome.ok ? new Date() : null })
      .where(and(eq(alertDeliveries.orgId, orgId), eq(alertDeliveries.id, deliveryId))),
  );
  if (!outcome.ok) logger.warn({ orgId, deliveryId, attempts, httpStatus: outcome.httpStatus, error: outcome.error }, "alert delivery attempt failed");
  return { status, attempts, httpStatus: outcome.httpStatus, error: outcome.error, retryable: outcome.retryable };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Without a queue (the CLI, tests, scripts): the attempts here and now, doubling the wait each time. */
export async function deliverInline(handle: DbHandle, job: AlertDeliveryJob, options: { firstDelayMs?: number } = {}): Promise<AttemptResult | null> {
  let delay = options.firstDelayMs ?? Number(process.env.KOUBEI_ALERT_RETRY_MS ?? 500);
  for (;;) {
    const result = await attemptDelivery(handle, job);
    if (!result || result.status !== "pending") return result;
    await sleep(delay);
    delay *= 2;
  }
}

const queuesReady = new WeakSet<PgBoss>();

export async function ensureAlertQueue(boss: PgBoss): Promise<void> {
  if (queuesReady.has(boss)) return;
  await boss.createQueue(ALERT_DELIVERY_QUEUE, { retryLimit: MAX_ATTEMPTS - 1, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 });
  queuesReady.add(boss);
}

/** The delivery worker: one attempt per job; a failure worth retrying fails the job so pg-boss retries it with back-off. */
export async function registerAlertWorkers(boss: PgBoss, handle: DbHandle, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  await ensureAlertQueue(boss);
  await boss.work<AlertDeliveryJob>(ALERT_DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    for (const job of jobs) {
      const result = await attemptDelivery(handle, job.data);
      if (result?.status === "pending") throw new Error(`alert delivery ${job.data.deliveryId} failed: ${result.error ?? result.httpStatus ?? "unknown"}`);
    }
  });
  runningBoss = boss;
}

/** The queue of the process's running workers (the server); evaluations elsewhere deliver inline. */
let runningBoss: PgBoss | null = null;
export const alertQueue = (): PgBoss | null => runningBoss;
export function forgetAlertQueue(boss: PgBoss): void {
  if (runningBoss === boss) runningBoss = null;
}

/** Hands the deliveries to the queue when one runs, else delivers them now; returns each one's result (null when queued). */
export async function dispatchDeliveries(handle: DbHandle, orgId: string, deliveryIds: readonly string[], boss: PgBoss | null): Promise<Map<string, AttemptResult | null>> {
  const results = new Map<string, AttemptResult | null>();
  for (const deliveryId of deliveryIds) {
    if (boss) {
      await ensureAlertQueue(boss);
      await boss.send(ALERT_DELIVERY_QUEUE, { orgId, deliveryId } satisfies AlertDeliveryJob, { singletonKey: deliveryId });
      results.set(deliveryId, null);
    } else {
      results.set(deliveryId, await deliverInline(handle, { orgId, deliveryId }));
    }
  }
  return results;
}
