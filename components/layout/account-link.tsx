"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";

/** The person's own account page (password, sessions), reachable from every signed-in page. */
export function AccountLink() {
  const t = useTranslations("nav");
  return (
    <Link href="/account" className={buttonClasses("ghost", "sm")}>
      {t("account")}
    </Link>
  );
}
