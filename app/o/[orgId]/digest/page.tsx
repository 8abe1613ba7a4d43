import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DigestView } from "./digest-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("digest.page");
  return { title: t("title") };
}

export default function DigestPage() {
  return <DigestView />;
}
