import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ShortlistsView } from "./shortlists-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("directory.shortlists");
  return { title: t("title") };
}

export default function ShortlistsPage() {
  return <ShortlistsView />;
}
