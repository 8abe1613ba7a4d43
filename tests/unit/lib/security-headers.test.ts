import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { proxy, config as proxyConfig } from "@/proxy";

const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

describe("security headers", () => {
  it("gives every page a fresh script nonce, in the browser's CSP and in the request Next renders from", () => {
    const first = proxy(new NextRequest("http://koubei.test/o/some-org/shops"));
    const second = proxy(new NextRequest("http://koubei.test/o/some-org/shops"));
    const policy = first.headers.get("content-security-policy");
    const nonce = nonceOf(policy);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{32,}$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).not.toContain("unsafe-eval");
    // Next reads the nonce from the forwarded request's CSP header when it renders the page.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("sends HSTS and upgrades requests only when served over https", () => {
    const plain = proxy(new NextRequest("http://koubei.test/"));
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    for (const request of [new NextRequest("https://koubei.test/"), new NextRequest("http://koubei.test/", { headers: { "x-forwarded-proto": "https" } })]) {
      const secure = proxy(request);
      expect(secure.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
      expect(secure.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    }
  });

  it("API answers get a CSP that loads nothing, and HSTS behind https, from next.config.ts", async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const api = rules.filter((rule) => rule.source === "/api/:path*");
    const headerOf = (key: string) => api.flatMap((rule) => rule.headers).find((h) => h.key === key);
    expect(headerOf("Content-Security-Policy")?.value).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    const hsts = api.find((rule) => rule.headers.some((h) => h.key === "Strict-Transport-Security"));
    expect(hsts?.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
  });

  it("runs for pages, not for API routes (whose bodies it would cut at 10 MB) or static chunks", () => {
    const [matcher] = proxyConfig.matcher;
    const matches = (p: string) => new RegExp(`^${matcher}$`).test(p);
    expect(matches("/o/x/shops")).toBe(true);
    expect(matches("/api/trpc/shops.list")).toBe(false);
    expect(matches("/api/imports/upload")).toBe(false);
    expect(matches("/_next/static/chunks/main.js")).toBe(false);
  });

  it("every response gets nosniff, a referrer policy and no framing; X-Powered-By is off", async () => {
    expect(nextConfig.poweredByHeader).toBe(false);
    const rules = (await nextConfig.headers?.()) ?? [];
    const all = rules.find((rule) => rule.source === "/:path*");
    const headers = Object.fromEntries((all?.headers ?? []).map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin", "x-frame-options": "DENY" });
  });
});
