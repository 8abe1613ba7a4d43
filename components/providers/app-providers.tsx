"use client";

import type { ReactNode } from "react";
import { ToastHost } from "@/components/ui/toast";
import { TrpcProvider } from "@/lib/trpc-client";

/** Client-side providers shared by every page: the tRPC/React Query client and the toast host. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <TrpcProvider>
      <ToastHost>{children}</ToastHost>
    </TrpcProvider>
  );
}
