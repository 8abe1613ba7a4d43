import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MyTasks } from "./my-tasks";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checklists");
  return { title: t("tasksTitle") };
}

export default function Page() {
  return <MyTasks />;
}
