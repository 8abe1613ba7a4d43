/**
 * The signed-in clients: one autocannon instance per kind of request, its connections sharing a
 * handful of sessions (each request takes the next one). Latency is recorded per response, so
 * p95 is exact rather than autocannon's nearest bucket (it reports p90 and p97.5); a request
 * that timed out counts as TIMEOUT_SECONDS, so a percentile that reaches it is a lower bound.
 */
import autocannon from "autocannon";
import { sessionHeaders, trpcQueryPath, type Session } from "./http";

export type RequestKind = {
  name: string;
  /** The path of the next request of this kind. */
  path: (orgId: string, pick: <T>(items: readonly T[]) => T) => string;
};

export type KindResult = { name: string; requests: number; non2xx: number; errors: number; timeouts: number; latenciesMs: number[] };

/** A request unanswered after this long counts as an error, and in the percentiles as this long (a lower bound). */
export const TIMEOUT_SECONDS = 10;
export type Traffic = { stop(): void; done: Promise<KindResult[]> };

export function readKinds(shopIds: readonly string[]): RequestKind[] {
  return [
    { name: "portfolio", path: (orgId) => `/o/${orgId}/portfolio` },
    { name: "shopPage", path: (orgId, pick) => `/o/${orgId}/shops/${pick(shopIds)}` },
    { name: "scoreRead", path: (_orgId, pick) => trpcQueryPath("scores.shop", { id: pick(shopIds) }) },
  ];
}

/** Splits `clients` connections over the kinds as evenly as the count allows. */
function connectionsPerKind(clients: number, kinds: number): number[] {
  return Array.from({ length: kinds }, (_, i) => Math.floor(clients / kinds) + (i < clients % kinds ? 1 : 0));
}

export function startTraffic(base: string, sessions: readonly Session[], kinds: readonly RequestKind[], options: { clients: number; maxSeconds: number }): Traffic {
  let turn = 0;
  const nextSession = () => {
    const session = sessions[turn++ % sessions.length];
    if (!session) throw new Error("no session");
    return session;
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(Math.random() * items.length)];
    if (item === undefined) throw new Error("nothing to pick from");
    return item;
  };
  const split = connectionsPerKind(options.clients, kinds.length);
  const instances = kinds.map((kind, i) => {
    const latenciesMs: number[] = [];
    let non2xx = 0;
    let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
    const done = new Promise<KindResult>((resolve, reject) => {
      finish = (error, result) =>
        error
          ? reject(error)
          : resolve({
              name: kind.name,
              requests: latenciesMs.length + result.timeouts,
              non2xx,
              errors: result.errors,
              timeouts: result.timeouts,
              latenciesMs: [...latenciesMs, ...Array.from({ length: result.timeouts }, () => TIMEOUT_SECONDS * 1000)],
            });
    });
    const instance = autocannon({
      url: base,
      connections: Math.max(1, split[i] ?? 1),
      duration: options.maxSeconds,
      timeout: TIMEOUT_SECONDS,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => {
            const session = nextSession();
            return { ...request, path: kind.path(session.orgId, pick), headers: { ...request.headers, ...sessionHeaders(session) } };
          },
        },
      ],
    }, (error, result) => finish(error, result));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latenciesMs.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
    return { instance, done };
  });
  return { stop: () => instances.forEach((i) => i.instance.stop()), done: Promise.all(instances.map((i) => i.done)) };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? Number.NaN) * 10) / 10;
}

/** One client, one request at a time: each kind's service time with nothing else running (the floor). */
export async function floorLatency(base: string, session: Session, kinds: readonly RequestKind[], perKind: number) {
  const floor: Record<string, { p50: number; p95: number }> = {};
  for (const kind of kinds) {
    const times: number[] = [];
    for (let i = 0; i < perKind; i++) {
      const nth = <T>(items: readonly T[]): T => {
        const item = items[i % items.length];
        if (item === undefined) throw new Error("nothing to pick from");
        return item;
      };
      const t0 = performance.now();
      const response = await fetch(`${base}${kind.path(session.orgId, nth)}`, { headers: sessionHeaders(session) });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`floor ${kind.name}: HTTP ${response.status}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    floor[kind.name] = { p50: percentile(times, 50), p95: percentile(times, 95) };
  }
  return floor;
}
