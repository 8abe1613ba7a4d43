"use client";

import { useQuery } from "@tanstack/react-query";
import { useOrg } from "@/components/layout/org-context";
import type { SelectOption } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc-client";

/** The organisation's members as choices for "owner" (the member responsible for an entity). */
export function useMemberOptions(): SelectOption[] {
  const trpc = useTRPC();
  const { can } = useOrg();
  const members = useQuery({ ...trpc.members.list.queryOptions(), enabled: can("members.read") });
  return (members.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
}
