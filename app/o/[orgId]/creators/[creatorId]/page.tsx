import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreatorDetails } from "./creator-details";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scores.creatorPage");
  return { title: t("title") };
}

export default async function CreatorPage({ params }: { params: Promise<{ creatorId: string }> }) {
  const { creatorId } = await params;
  return <CreatorDetails creatorId={creatorId} />;
}
