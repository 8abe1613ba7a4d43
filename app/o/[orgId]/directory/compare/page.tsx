import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { CompareView } from "./compare-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("directory.compare");
  return { title: t("title") };
}

export default function ComparePage() {
  return (
    <Suspense>
      <CompareView />
    </Suspense>
  );
}
