"use client";

import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ChecklistStatus, ItemStatus } from "@/lib/contracts/playbooks";

const ITEM_TONES: Record<ItemStatus, BadgeTone> = { todo: "neutral", in_progress: "brand", done: "success", skipped: "warning" };
const CHECKLIST_TONES: Record<ChecklistStatus, BadgeTone> = { open: "brand", done: "success", cancelled: "neutral" };

export function ItemStatusBadge({ status }: { status: ItemStatus }) {
  const t = useTranslations("checklists.itemStatus");
  return <Badge tone={ITEM_TONES[status]}>{t(status)}</Badge>;
}

export function ChecklistStatusBadge({ status }: { status: ChecklistStatus }) {
  const t = useTranslations("checklists.status");
  return <Badge tone={CHECKLIST_TONES[status]}>{t(status)}</Badge>;
}
