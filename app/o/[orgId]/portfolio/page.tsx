import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PortfolioView } from "./portfolio-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scores.portfolio");
  return { title: t("title") };
}

export default function PortfolioPage() {
  return <PortfolioView />;
}
