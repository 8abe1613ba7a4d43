import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlaybookLibrary } from "./_components/playbook-library";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("playbooks");
  return { title: t("title") };
}

export default function PlaybooksPage() {
  return <PlaybookLibrary />;
}
