import { redirect } from "next/navigation";

/** The portfolio moved to the organisation's home; old links keep their view. */
export default async function PortfolioRedirect({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { orgId } = await params;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) for (const v of [value ?? []].flat()) query.append(key, v);
  const suffix = query.size > 0 ? `?${query.toString()}` : "";
  redirect(`/o/${orgId}${suffix}`);
}
