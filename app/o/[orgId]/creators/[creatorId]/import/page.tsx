import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "../../../shops/[shopId]/import/import-wizard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports");
  return { title: t("importData") };
}

/** A creator account's own 达人订单 export: the same wizard as a shop's, offering the creator's kind. */
export default async function CreatorImportPage({
  params,
}: {
  params: Promise<{ creatorId: string }>;
}) {
  const { creatorId } = await params;
  return <ImportWizard owner={{ kind: "creator", id: creatorId }} />;
}
