"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";

/** After a queue change: refetch every queue (an appeal moves a review's status, a decision rescores) and say so. */
export function useQueueRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useTranslations("queues");
  return {
    done: async (message = t("saved")) => {
      await queryClient.invalidateQueries({ queryKey: trpc.queues.pathKey() });
      toast.show(message, "success");
    },
    failed: (error: { message: string }) => toast.show(error.message, "error"),
  };
}
