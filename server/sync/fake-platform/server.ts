import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DOUYIN_METHODS, methodPath } from "../douyin/methods";
import { sameSignature, signPush, signRequest, type SignMethod } from "../douyin/sign";
import { generateShops, type FakeShop } from "./data";
import { FaultQueue, type Fault } from "./faults";
import { listAfterSales, searchOrders, type FakeAnswer } from "./handlers";
import { FakeTokens } from "./tokens";

export type FakePlatformOptions = {
  seed: number;
  shops?: number;
  port?: number;
  host?: string;
  /** The platform's clock in Unix seconds (tests move it); defaults to the wall clock. */
  now?: () => number;
  /** Calls per second per app before 60000 isv.traffic-limited; unlimited when absent. */
  rateLimitPerSecond?: number;
  accessTokenTtlSeconds?: number;
};

export type FakeCall = { method: string; params: Record<string, unknown>; code: number };

export type FakePlatform = {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  shops: FakeShop[];
  faults: FaultQueue;
  calls: FakeCall[];
  /** Moves an order on (ships or completes it) now, as a real shop would; returns the push message the platform would send. */
  advanceOrder(shopId: string): { orderId: string; message: { tag: string; msg_id: string; data: string } } | null;
  /** Sends push messages to an app's URL, signed as the platform signs them. */
  push(url: string, messages: { tag: string; msg_id: string; data: string }[]): Promise<Response>;
  close(): Promise<void>;
};

const TIMESTAMP_TOLERANCE = 600;
const METHOD_BY_PATH = new Map(Object.values(DOUYIN_METHODS).map((m) => [methodPath(m), m]));

/** Credentials derived from the seed, so `--seed` alone reproduces them. */
export function fakeCredentials(seed: number) {
  const digest = createHash("sha256").update(`koubei-fake-platform:${seed}`).digest("hex");
  return { appKey: String(7_000_000_000_000_000_000n + BigInt(seed)), appSecret: digest.slice(0, 32) };
}

/** Unix seconds, Unix milliseconds or `yyyy-MM-dd HH:mm:ss` Beijing time, as clients old and new send it. */
export function parseRequestTimestamp(raw: string): number | null {
  if (/^\d{10}$/.test(raw)) return Number(raw);
  if (/^\d{13}$/.test(raw)) return Math.floor(Number(raw) / 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000 - 8 * 3600;
}

const envelope = (code: number, msg: string, subCode = "", data: unknown = null) => ({ code, msg, sub_code: subCode, sub_msg: "", data, log_id: `fake${Date.now()}` });

/**
 * A local stand-in for the Douyin shop open platform: checks app key, timestamp and signature
 * exactly as the platform documents them, issues and refreshes tokens, pages orders and
 * after-sales, throttles, and injects faults on demand. Test code, also run by
 * `koubei dev fake-platform` and (for the demo) inside the app.
 */
export async function startFakePlatform(options: FakePlatformOptions): Promise<FakePlatform> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const { appKey, appSecret } = fakeCredentials(options.seed);
  const shops = generateShops(options.seed, options.shops ?? 2, now());
  const shopById = new Map(shops.map((s) => [s.shopId, s]));
  const tokens = new FakeTokens(now, options.accessTokenTtlSeconds);
  const faults = new FaultQueue();
  const calls: FakeCall[] = [];
  const window = { second: 0, count: 0 };

  const answerBusiness = (method: string, params: Record<string, unknown>, accessToken: string, fault: Fault | null): FakeAnswer => {
    if (method === DOUYIN_METHODS.tokenCreate) {
      const shopId = params.grant_type === "authorization_self" ? String(params.shop_id ?? "") : String(params.code ?? "").replace(/^code-/, "");
      const shop = shopById.get(shopId);
      if (params.grant_type !== "authorization_self" && params.grant_type !== "authorization_code") return { code: 40004, subCode: "isv.parameter-invalid:grant_type", msg: "grant_type" };
      if (!shop) return { code: 30001, subCode: "dop.authorization-no-existed", msg: "shop has not authorised this app" };
      return { data: tokens.grant(tokens.issue(shop.shopId), shop.name) };
    }
    if (method === DOUYIN_METHODS.tokenRefresh) {
      const pair = params.grant_type === "refresh_token" ? tokens.refresh(String(params.refresh_token ?? "")) : null;
      if (!pair) return { code: 40003, subCode: "isv.refresh-token-invalid", msg: "refresh token invalid" };
      return { data: tokens.grant(pair, shopById.get(pair.shopId)?.name ?? "") };
    }
    if (fault?.kind === "expireToken") tokens.expire(accessToken);
    const checked = tokens.check(accessToken);
    if ("error" in checked) return { code: 40003, subCode: checked.error, msg: "access token not valid" };
    const shop = shopById.get(checked.shopId);
    if (!shop) return { code: 30001, subCode: "dop.authorization-no-existed", msg: "no such shop" };
    const repeat = fault?.kind === "repeatPage";
    if (method === DOUYIN_METHODS.orderSearch) return searchOrders(shop, params, repeat);
    if (method === DOUYIN_METHODS.afterSaleList) return listAfterSales(shop, params, repeat);
    return { data: shop.score };
  };

  const handle = async (req: http.IncomingMessage, body: string): Promise<{ status: number; text: string; delayMs?: number }> => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname === "/__fake/faults" && req.method === "POST") {
      faults.add(JSON.parse(body) as Fault);
      return { status: 200, text: "{}" };
    }
    const method = METHOD_BY_PATH.get(url.pathname);
    const q = url.searchParams;
    if (!method || q.get("method") !== method) return { status: 404, text: JSON.stringify(envelope(70000, "api not found", "isp.api-not-found")) };
    const refuse = (code: number, subCode: string, msg: string) => ({ status: 200, text: JSON.stringify(envelope(code, msg, subCode)) });
    if (q.get("app_key") !== appKey) return refuse(40003, "isv.app-key-invalid", "unknown app_key");
    if (q.get("v") !== "2") return refuse(40003, "isv.version-invalid", "v must be 2");
    const stamp = parseRequestTimestamp(q.get("timestamp") ?? "");
    if (stamp === null || Math.abs(stamp - now()) > TIMESTAMP_TOLERANCE) return refuse(40003, "isv.timestamp-invalid", "timestamp out of range");
    const signMethod: SignMethod = q.get("sign_method") === "hmac-sha256" ? "hmac-sha256" : "md5";
    const expected = signRequest({ appKey, appSecret, method, paramJson: body, timestamp: q.get("timestamp") ?? "" }, signMethod);
    if (!sameSignature(expected, q.get("sign") ?? "")) return refuse(40003, "isv.signature-invalid", "signature invalid");
    let params: Record<string, unknown>;
    try {
      params = body.trim() === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      return refuse(40001, "isv.missing-parameter:param_json", "param_json is not JSON");
    }
    const second = now();
    if (window.second !== second) Object.assign(window, { second, count: 0 });
    window.count += 1;
    if (options.rateLimitPerSecond && window.count > options.rateLimitPerSecond) {
      calls.push({ method, params, code: 60000 });
      return refuse(60000, "isv.traffic-limited", "too many calls");
    }
    const fault = faults.take(method);
    const delayMs = fault?.kind === "timeout" || fault?.kind === "delay" ? fault.delayMs : 0;
    if (fault?.kind === "http") return { status: fault.status, text: "<html>bad gateway</html>", delayMs };
    if (fault?.kind === "malformed") return { status: 200, text: '{"code":10000,"msg":"success","data":{"page":', delayMs };
    if (fault?.kind === "code") {
      calls.push({ method, params, code: fault.code });
      return { ...refuse(fault.code, fault.subCode ?? "", "injected"), delayMs };
    }
    const answer = answerBusiness(method, params, q.get("access_token") ?? "", fault);
    const code = "data" in answer ? 10000 : answer.code;
    calls.push({ method, params, code });
    const text = "data" in answer ? JSON.stringify(envelope(10000, "success", "", answer.data)) : JSON.stringify(envelope(answer.code, answer.msg, answer.subCode));
    return { status: 200, text, delayMs };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks).toString("utf8"))
        .then(async ({ status, text, delayMs }) => {
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          if (res.destroyed) return;
          res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
          res.end(text);
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  let pushSeq = 0;

  return {
    baseUrl: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    appKey,
    appSecret,
    shops,
    faults,
    calls,
    advanceOrder(shopId) {
      const shop = shopById.get(shopId);
      const order = shop?.orders.find((o) => o.order_status === 2 || o.order_status === 3);
      if (!order) return null;
      const at = Math.max(now(), order.update_time + 1);
      const next = order.order_status === 2 ? 3 : 5;
      order.order_status = next;
      order.update_time = at;
      if (next === 3) {
        order.ship_time = at;
        order.logistics_info = [{ company_name: "顺丰速运", ship_time: at }];
      } else order.finish_time = at;
      for (const sku of order.sku_order_list) sku.order_status = next;
      pushSeq += 1;
      const data = JSON.stringify({ p_id: Number(order.order_id), s_ids: [Number(order.order_id)], shop_id: Number(shopId), order_status: next, update_time: at });
      return { orderId: order.order_id, message: { tag: next === 3 ? "102" : "103", msg_id: `fake-msg-${pushSeq}`, data } };
    },
    async push(url, messages) {
      const body = JSON.stringify(messages);
      return fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "app-id": appKey, "event-sign": signPush(appKey, body, appSecret) } });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
