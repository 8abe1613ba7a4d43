import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ShopList } from "./_components/shop-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shops");
  return { title: t("title") };
}

export default function DashboardPage() {
  return <ShopList />;
}
