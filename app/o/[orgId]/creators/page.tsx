import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreatorList } from "./creator-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("creators");
  return { title: t("title") };
}

export default function CreatorsPage() {
  return <CreatorList />;
}
