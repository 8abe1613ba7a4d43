/**
 * Where the demo organisation is in its first fill, for the sign-in page and the sign-in check:
 * the server answers at once and seeds the demo in the background (ADR 0016-cli-start-up), so
 * until the seed has committed the demo account is refused and the page says it is coming.
 * Kept on globalThis: Next bundles instrumentation and the routes apart, with their own modules.
 */
export type DemoState = "off" | "preparing" | "ready" | "failed";

const key = Symbol.for("koubei.demo.state");
type GlobalWithDemoState = typeof globalThis & { [key]?: DemoState };
const g = globalThis as GlobalWithDemoState;

/** "off" where this process seeds no demo (a PostgreSQL deployment, KOUBEI_DEMO=0, or a process that is not the server). */
export function demoState(): DemoState {
  return g[key] ?? "off";
}

export function setDemoState(state: DemoState): void {
  g[key] = state;
}
