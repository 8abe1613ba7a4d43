/**
 * The signed-in clients: one autocannon instance per kind of request, its connections sharing a
 * handful of sessions (each request takes the next one). Latency is recorded per response, so
 * p95 is exact rather than autocannon's nearest bucket (it reports p90 and p97.5).
 */
import autocannon from "autocannon";
import { sessionHeaders, trpcQueryPath, type Session } from "./http";

export type RequestKind = {
  name: string;
  /** The path of the next request of this kind. */
  path: (orgId: string, pick: <T>(items: readonly T[]) => T) => string;
};

export type KindResult = { name: string; requests: number; non2xx: number; errors: number; timeouts: number; latenciesMs: number[] };
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
        error ? reject(error) : resolve({ name: kind.name, requests: latenciesMs.length, non2xx, errors: result.errors, timeouts: result.timeouts, latenciesMs });
    });
    const instance = autocannon({
      url: base,
      connections: Math.max(1, split[i] ?? 1),
      duration: options.maxSeconds,
      timeout: 10,
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
