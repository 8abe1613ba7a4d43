import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";

/** https as the browser sees it: directly, or through a TLS-terminating proxy in front of the app. */
const servedOverHttps = (request: NextRequest) =>
  request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";

/**
 * Per request: a nonce for the page's scripts, passed to Next in the request's CSP header (it
 * stamps its own scripts with it) and sent to the browser; HSTS when served over https.
 */
export function proxy(request: NextRequest) {
  const https = servedOverHttps(request);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Static assets carry no scripts of their own; the fixed headers reach them from next.config.ts.
  // API routes stay outside too: Next passes only the first 10 MB of a request body through a
  // proxy, which silently cut exports uploaded to /api/imports/upload short. Their headers
  // (a CSP that loads nothing, HSTS behind https) come from next.config.ts as well.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
