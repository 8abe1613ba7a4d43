import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlaybookDetail } from "../_components/playbook-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("playbooks");
  return { title: t("title") };
}

export default async function PlaybookPage({ params }: { params: Promise<{ code: string }> }) {
  return <PlaybookDetail code={decodeURIComponent((await params).code)} />;
}
