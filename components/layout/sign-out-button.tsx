"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc-client";

export function SignOutButton() {
  const t = useTranslations("nav");
  const trpc = useTRPC();
  const router = useRouter();
  const endSessions = useMutation(trpc.auth.signOut.mutationOptions());
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      onClick={async () => {
        setPending(true);
        // Server-side first, so a copy of the cookie kept elsewhere stops working too; a stale session is already signed out.
        await endSessions.mutateAsync().catch(() => undefined);
        await signOut({ redirect: false });
        router.replace("/sign-in");
        router.refresh();
      }}
    >
      {t("signOut")}
    </Button>
  );
}
