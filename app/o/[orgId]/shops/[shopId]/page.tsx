import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ShopDetails } from "./shop-details";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shops");
  return { title: t("detailsTitle") };
}

export default async function ShopPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  return <ShopDetails shopId={shopId} />;
}
