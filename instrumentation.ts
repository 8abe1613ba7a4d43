/** Next.js start-up hook: open, migrate and seed the database before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: throttling needs the real TCP peer, which Next.js does not expose.
  const { installPeerAddressHook } = await import("./server/auth/peer-address-hook");
  installPeerAddressHook();
  const { startServerRuntime } = await import("./server/server-start");
  await startServerRuntime();
}
