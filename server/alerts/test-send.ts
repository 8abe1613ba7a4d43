import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { alertDeliveries, alertEndpoints, organisations } from "@/db/schema";
import { isLocale } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { publicBaseUrl } from "@/server/mail/public-url";
import { attemptDelivery, type DeliveryPayload } from "./deliveries";

/** "Send test": one message to the endpoint now, logged like any delivery, so a wrong URL or secret shows at once. */
export async function sendTestMessage(handle: DbHandle, scope: OrgScope, endpointId: string) {
  const deliveryId = await withTenant(handle, { orgId: scope.orgId, userId: scope.userId }, async (tx) => {
    const [endpoint] = await tx.select().from(alertEndpoints).where(and(eq(alertEndpoints.orgId, scope.orgId), eq(alertEndpoints.id, endpointId)));
    if (!endpoint) throw notFound("alerts.endpointNotFound");
    const [org] = await tx.select({ name: organisations.name, locale: organisations.locale }).from(organisations).where(eq(organisations.orgId, scope.orgId));
    const payload: DeliveryPayload = {
      message: {
        locale: org && isLocale(org.locale) ? org.locale : "zh-CN",
        title: { key: "alerts.message.testTitle" },
        lines: [{ key: "alerts.message.testLine", params: { org: org?.name ?? "" } }],
        link: `${publicBaseUrl()}/o/${scope.orgId}/settings/alerts`,
        mentions: [],
        data: { event: "test", orgId: scope.orgId },
      },
    };
    const [row] = await tx
      .insert(alertDeliveries)
      .values({ orgId: scope.orgId, endpointId: endpoint.id, channel: endpoint.channel, payload: payload as unknown as Record<string, unknown> })
      .returning({ id: alertDeliveries.id });
    return row?.id ?? "";
  });
  // One attempt: the person pressing the button wants the answer, not a retry schedule.
  const result = await attemptDelivery(handle, { orgId: scope.orgId, deliveryId });
  if (result?.status === "pending") {
    await withTenant(handle, { orgId: scope.orgId }, (tx) => tx.update(alertDeliveries).set({ status: "failed" }).where(and(eq(alertDeliveries.orgId, scope.orgId), eq(alertDeliveries.id, deliveryId))));
  }
  return { deliveryId, ok: result?.status === "sent", httpStatus: result?.httpStatus ?? null, error: result?.error ?? null };
}
