import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewShop } from "./new-shop";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shops");
  return { title: t("newTitle") };
}

export default function NewShopPage() {
  return <NewShop />;
}
