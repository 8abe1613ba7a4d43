import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChecklistPage } from "../_components/checklist-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checklists");
  return { title: t("title") };
}

export default async function Page({ params }: { params: Promise<{ checklistId: string }> }) {
  const { checklistId } = await params;
  return <ChecklistPage id={checklistId} />;
}
