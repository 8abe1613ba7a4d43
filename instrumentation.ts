/**
 * Next.js start-up hook: opens and migrates the database, starts the jobs and seeds the demo, all
 * without holding back the first page (ADR 0016-cli-start-up): a request that needs the database
 * waits for it (getRuntime), the sign-in page does not, and says while the demo is being prepared.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: throttling needs the real TCP peer, which Next.js does not expose.
  const { installPeerAddressHook } = await import("./server/auth/peer-address-hook");
  installPeerAddressHook();
  const { startServerRuntime } = await import("./server/server-start");
  // Its hooks are registered and the start begun before this returns; a database it cannot use still ends the process.
  void startServerRuntime();
}
