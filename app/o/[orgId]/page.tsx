import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { serverCaller } from "@/app/_lib/server-api";
import { homePathFor } from "@/lib/org-home";
import { PortfolioHome } from "./_components/portfolio/portfolio-home";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portfolio");
  return { title: t("title") };
}

/** The organisation's home: the portfolio, unless its kind has a home of its own (homePathFor). */
export default async function OrgHomePage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  // A failed read (not a member, signed out) is left to the page's own client-side handling.
  const org = await (await serverCaller(orgId)).orgs.current().catch(() => null);
  const home = org ? homePathFor({ orgId, kind: org.kind }) : null;
  if (home) redirect(home);
  return <PortfolioHome />;
}
