import { BlockList, isIP } from "node:net";

/**
 * The header our own server hook writes with the TCP peer's address (peer-address-hook.ts). It is
 * overwritten on every request, so a client cannot choose it; X-Forwarded-For can be chosen by
 * anyone and Next.js passes a client-sent one through untouched.
 */
export const PEER_HEADER = "x-koubei-peer";

/** When the address is unknowable (no hook, e.g. another host runtime): one shared bucket, never a client-chosen one. */
export const UNKNOWN_ADDRESS = "unknown";

const normalise = (address: string) => {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
};

/**
 * KOUBEI_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges of the reverse proxies in front
 * of the app (e.g. `127.0.0.1,10.0.0.0/8`). Only a request arriving from one of them has its
 * X-Forwarded-For believed; unset, forwarded headers are ignored.
 */
export function trustedProxies(setting = process.env.KOUBEI_TRUSTED_PROXIES ?? ""): BlockList {
  const list = new BlockList();
  for (const entry of setting.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(normalise(address));
    if (family === 0) throw new Error(`KOUBEI_TRUSTED_PROXIES: "${entry}" is not an address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(normalise(address), type);
    else list.addSubnet(normalise(address), Number(prefix), type);
  }
  return list;
}

const isTrusted = (proxies: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 4 ? "ipv4" : "ipv6");
};

/**
 * The client's address for throttling: the TCP peer, unless the peer is a trusted proxy; then the
 * X-Forwarded-For hops are read from the right (the end our proxies appended to) and the first
 * address that is not a trusted proxy is the client.
 */
export function clientAddress(headers: Headers, proxies: BlockList = defaultProxies()): string {
  const peer = normalise(headers.get(PEER_HEADER) ?? "");
  if (!isIP(peer)) return UNKNOWN_ADDRESS;
  if (!isTrusted(proxies, peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalise).filter((hop) => isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop !== undefined && !isTrusted(proxies, hop)) return hop;
  }
  return hops[0] ?? peer;
}

let cached: { setting: string; list: BlockList } | null = null;
function defaultProxies(): BlockList {
  const setting = process.env.KOUBEI_TRUSTED_PROXIES ?? "";
  if (cached?.setting !== setting) cached = { setting, list: trustedProxies(setting) };
  return cached.list;
}
