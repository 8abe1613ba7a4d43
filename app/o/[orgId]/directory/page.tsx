import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { DirectoryView } from "./directory-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("directory");
  return { title: t("title") };
}

export default function DirectoryPage() {
  return (
    <Suspense>
      <DirectoryView />
    </Suspense>
  );
}
