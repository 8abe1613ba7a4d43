import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrgHome } from "./_components/home/org-home";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portfolio");
  return { title: t("title") };
}

/** The organisation's first page: which view that is depends on the kind of organisation (org-home.tsx). */
export default function OrgHomePage() {
  return <OrgHome />;
}
