import "server-only";
import { getLocale } from "next-intl/server";
import { signedInUser } from "@/server/api/org-scope";
import { createCaller } from "@/server/api/root";
import { currentSession } from "@/server/auth/config";
import { isLocale } from "@/lib/contracts/locales";
import { getRuntime } from "@/server/runtime";
import { demoState, type DemoState } from "@/server/demo/state";

/** The same procedures the browser calls, for server components (session from the request cookies). */
export async function serverCaller(orgId: string | null = null) {
  const locale = await getLocale();
  return createCaller({
    runtime: await getRuntime(),
    session: await currentSession(),
    orgId,
    locale: isLocale(locale) ? locale : "zh-CN",
    ip: "",
  });
}

/** Whether the request carries a live session: a cookie whose session version was ended (sign-out, password change) does not count. */
export async function isSignedIn(): Promise<boolean> {
  const session = await currentSession();
  if (!session) return false;
  return signedInUser((await getRuntime()).handle, session).then(
    () => true,
    () => false,
  );
}

/** The signed-in user and their organisations, or null when signed out or the session is stale. */
export async function currentUser() {
  // auth.me checks the session version itself: a stale session lands in the catch.
  if (!(await currentSession())) return null;
  try {
    return await (await serverCaller()).auth.me();
  } catch {
    return null;
  }
}

/** Whether the demo organisation is still being filled in (read from memory: the page never waits for the database). */
export function demoSignInState(): DemoState {
  return demoState();
}

/** Only same-site paths: a callback URL must never send the user to another site. */
export function safeCallback(value: string | string[] | undefined, fallback = "/"): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\"))
    return fallback;
  return path;
}
