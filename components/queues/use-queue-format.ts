"use client";

import { useFormatter, useTranslations } from "next-intl";

const HOUR_MS = 3_600_000;

/** Absolute Asia/Shanghai times and "time left" as the queues show them, in the reader's language. */
export function useQueueFormat() {
  const format = useFormatter();
  const t = useTranslations("queues");
  return {
    instant: (iso: string) => format.dateTime(new Date(iso), { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" }),
    day: (day: string) => format.dateTime(new Date(`${day}T00:00:00Z`), { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }),
    timeLeft: (ms: number) => {
      const hours = Math.abs(ms) / HOUR_MS;
      const whole = Math.floor(hours);
      const minutes = Math.floor((hours - whole) * 60);
      return ms >= 0 ? t("timeLeft", { hours: whole, minutes }) : t("overdueBy", { hours: whole, minutes });
    },
    percentPoints: (share: number) => format.number(share * 100, { maximumFractionDigits: 2 }),
    number: (value: number, digits = 2) => format.number(value, { maximumFractionDigits: digits }),
  };
}

/** The filter every queue read takes: the organisation (optionally one shop) or one entity's page. */
export type QueueScope = { kind?: "shop" | "creator"; entityId?: string; shopId?: string };
