/**
 * The address links in mails point to. Configured, never taken from the request's Host header:
 * a forged Host would otherwise send a victim's reset link to the attacker's site.
 */
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const configured = env.KOUBEI_PUBLIC_URL?.trim() || env.AUTH_URL?.trim();
  return (configured || `http://localhost:${env.PORT ?? "3000"}`).replace(/\/+$/, "");
}
