"use client";

import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { GoalStatus } from "@/lib/contracts/goals";

const TONES: Record<GoalStatus, BadgeTone> = { on_track: "success", at_risk: "warning", achieved: "brand", missed: "danger" };

/** 进展顺利 / 有风险 / 已达成 / 未达成: a goal's status as a badge. */
export function GoalStatusBadge({ status, testId }: { status: GoalStatus; testId?: string }) {
  const t = useTranslations("goals.status");
  return (
    <span data-testid={testId} data-status={status}>
      <Badge tone={TONES[status]}>{t(status)}</Badge>
    </span>
  );
}
