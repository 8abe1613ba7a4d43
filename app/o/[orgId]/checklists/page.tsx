import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AgencyChecklists } from "./_components/agency-checklists";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checklists");
  return { title: t("agencyTitle") };
}

export default function Page() {
  return <AgencyChecklists />;
}
