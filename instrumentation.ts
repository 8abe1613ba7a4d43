/** Next.js start-up hook: open, migrate and seed the database before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("./server/server-start");
  await startServerRuntime();
}
