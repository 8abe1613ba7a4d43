import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ShortlistView } from "./shortlist-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("directory.shortlists");
  return { title: t("title") };
}

export default async function ShortlistPage({ params }: { params: Promise<{ shortlistId: string }> }) {
  return <ShortlistView shortlistId={(await params).shortlistId} />;
}
