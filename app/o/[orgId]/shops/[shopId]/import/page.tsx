import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "./import-wizard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports");
  return { title: t("importData") };
}

export default async function ShopImportPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  return <ImportWizard owner={{ kind: "shop", id: shopId }} />;
}
