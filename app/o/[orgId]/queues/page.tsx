import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QueuesView } from "./queues-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("queues");
  return { title: t("title") };
}

export default function QueuesPage() {
  return <QueuesView />;
}
