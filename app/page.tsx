import { redirect } from "next/navigation";
import { currentUser } from "./_lib/server-api";

/** Signed in: the first organisation's dashboard, or creating one. Signed out: the sign-in page. */
export default async function HomePage() {
  const me = await currentUser();
  if (!me) redirect("/sign-in");
  const first = me.organisations[0];
  redirect(first ? `/o/${first.orgId}` : "/orgs/new");
}
