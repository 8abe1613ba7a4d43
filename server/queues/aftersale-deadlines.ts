import type { AfterSaleType } from "@/server/scoring/facts";

const HOUR_MS = 3_600_000;

/**
 * How long the platform waits for the merchant before it completes an open after-sale on its own
 * (超时自动完结). scoring.md and data-formats.md give no such rule, so these are Koubei's
 * assumption (ADR "after-sale deadlines"), after 抖店's published timeouts: the merchant has 48 h
 * to act on an application of any type, after which the platform agrees to it for the buyer. The
 * export does not say which stage a return is in, so every type is timed from its application.
 * Data, not code: a revised rule changes this table only.
 */
export const AFTERSALE_AUTO_COMPLETE_HOURS: Record<AfterSaleType | "unknown", number> = {
  refund_only: 48,
  return_refund: 48,
  exchange: 48,
  resend: 48,
  unknown: 48,
};

export function afterSaleDeadline(type: AfterSaleType | null, appliedAt: Date): Date {
  return new Date(appliedAt.getTime() + AFTERSALE_AUTO_COMPLETE_HOURS[type ?? "unknown"] * HOUR_MS);
}
