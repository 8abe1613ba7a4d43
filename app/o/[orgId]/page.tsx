import { redirect } from "next/navigation";
import { serverCaller } from "@/app/_lib/server-api";
import { homePathFor } from "@/lib/org-home";
import { entityPages } from "./_components/entities/entity-pages";

const page = entityPages.list("shop");
export const generateMetadata = page.metadata;

/** The organisation's home: its shops, unless its kind has a home of its own (homePathFor). */
export default async function OrgHomePage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  // A failed read (not a member, signed out) is left to the page's own client-side handling.
  const org = await (await serverCaller(orgId)).orgs.current().catch(() => null);
  const home = org ? homePathFor({ orgId, kind: org.kind }) : null;
  if (home) redirect(home);
  return page.Page({});
}
