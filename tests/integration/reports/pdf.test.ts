import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as entityReport } from "@/app/api/reports/entity/route";
import type { RouteEnv } from "@/server/api/route-scope";
import { cookieForPlainHttp } from "@/server/auth/internal-hop";
import { closeBrowser } from "@/server/reports/pdf-browser";
import { findUserById } from "@/server/users/service";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let shopId: string;
let env: RouteEnv;
/** A stand-in for the app's report page: the route must open it as the requester, on the server's own origin. */
let page: http.Server;
const seen: { path: string; cookie: string | undefined; language: string | undefined }[] = [];
const savedEnv = { url: process.env.KOUBEI_INTERNAL_URL, chromium: process.env.CHROMIUM_PATH };

/** Two A4 pages of Chinese text, with the marker the renderer waits for set a moment after load (as the app's page does). */
const REPORT_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>评分报告</title>
<style>@page { size: A4; margin: 12mm } body { font-family: "Noto Sans CJK SC", sans-serif } section { break-after: page }</style></head>
<body><article data-testid="entity-report"><section><h1>商家体验分报告</h1>${"<p>好评率 · 品质退货率 · 物流好评率 · 服务好评率</p>".repeat(30)}</section>
<section><h2>全部指标</h2>${"<p>超过 62% 同行，贡献 0.123 分</p>".repeat(30)}</section></article>
<script>setTimeout(() => document.querySelector("article").setAttribute("data-report-ready", "true"), 200)</script></body></html>`;

const pdfRequest = (cookie = "authjs.session-token=the-session; NEXT_LOCALE=zh-CN") =>
  entityReport(new Request(`http://koubei.test/api/reports/entity?org=${owner.org.orgId}&kind=shop&id=${shopId}&format=pdf`, { headers: { cookie, "accept-language": "zh-CN" } }), undefined, env);

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "pdf");
  shopId = (await owner.caller.shops.create({ name: "报告店铺", category: "beauty", externalId: "pdf-1" })).id;
  const sessionVersion = (await findUserById(t.handle, owner.user.id))?.sessionVersion ?? 1;
  env = { runtime: async () => ({ handle: t.handle, boss: null }), session: async () => ({ userId: owner.user.id, sessionVersion }) };
  page = http.createServer((request, response) => {
    seen.push({ path: request.url ?? "", cookie: request.headers.cookie, language: request.headers["accept-language"] });
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(REPORT_HTML);
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
  process.env.KOUBEI_INTERNAL_URL = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  process.env.KOUBEI_INTERNAL_URL = savedEnv.url;
  process.env.CHROMIUM_PATH = savedEnv.chromium;
  await closeBrowser();
  await new Promise((resolve) => page?.close(resolve));
  await t?.close();
});

describe.skipIf(!hasChromium)("the PDF report with Chromium (skipped when /usr/bin/chromium is absent)", () => {
  it("prints the report page opened as the requester into an A4 PDF with a Chinese file name", async () => {
    const response = await pdfRequest();
    expect(response.status, await response.clone().text().then((b) => b.slice(0, 300))).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="report-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(response.headers.get("content-disposition")?.split("''")[1] ?? "")).toMatch(/^报告店铺-评分报告-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length > 1 || bytes.length > 10_000).toBe(true);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // The page was asked for on the server's own origin, with the requester's cookie and language.
    const visit = seen.find((s) => s.path === `/o/${owner.org.orgId}/shops/${shopId}/report`);
    expect(visit?.cookie).toBe("authjs.session-token=the-session; NEXT_LOCALE=zh-CN");
    expect(visit?.language).toBe("zh-CN");
  }, 120_000);

  it("renders requests side by side in the one browser", async () => {
    const responses = await Promise.all([pdfRequest(), pdfRequest(), pdfRequest()]);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
  }, 180_000);
});

describe("the PDF report without Chromium", () => {
  it("answers with a translated error naming what is missing", async () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const response = await pdfRequest();
      expect(response.status).toBe(409);
      const body = (await response.json()) as { error: { messageKey: string; message: string } };
      expect(body.error.messageKey).toBe("errors.pdfNeedsChromium");
      expect(body.error.message).toContain("Chromium");
      expect(body.error.message).toContain("打印");
    } finally {
      process.env.CHROMIUM_PATH = savedEnv.chromium;
    }
  });
});

describe("the session for the server's own plain-http request", () => {
  const secret = "a-test-secret-that-is-long-enough-0123456789";
  it("re-issues a __Secure- session cookie under the plain name, same claims, other cookies kept", async () => {
    const token = { uid: "user-1", sv: 3, name: "报告" };
    const secure = await encode({ token, secret, salt: "__Secure-authjs.session-token", maxAge: 3600 });
    const header = await cookieForPlainHttp(`NEXT_LOCALE=en; __Secure-authjs.session-token=${secure}`, secret);
    const cookies = Object.fromEntries(header.split("; ").map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]));
    expect(Object.keys(cookies).sort()).toEqual(["NEXT_LOCALE", "authjs.session-token"]);
    expect(cookies.NEXT_LOCALE).toBe("en");
    const plain = await decode({ token: cookies["authjs.session-token"] ?? "", secret, salt: "authjs.session-token" });
    expect(plain).toMatchObject(token);
  });

  it("passes a plain cookie header on as it is, and drops a session that does not decode", async () => {
    expect(await cookieForPlainHttp("authjs.session-token=x; a=b", secret)).toBe("authjs.session-token=x; a=b");
    expect(await cookieForPlainHttp("__Secure-authjs.session-token=forged; a=b", secret)).toBe("a=b");
  });
});
