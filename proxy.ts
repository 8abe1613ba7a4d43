import { NextResponse, type NextRequest } from "next/server";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";

/** https as the browser sees it: directly, or through a TLS-terminating proxy in front of the app. */
const servedOverHttps = (request: NextRequest) =>
  request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";

/**
 * Per request: a nonce for the page's scripts, passed to Next in the request's CSP header (it
 * stamps its own scripts with it) and sent to the browser; HSTS when served over https.
 */
export function proxy(request: NextRequest) {
  const https = servedOverHttps(request);
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    return response;
  }
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
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
