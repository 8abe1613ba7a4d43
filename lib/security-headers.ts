/**
 * The browser-facing security headers, in one place: next.config.ts sends the fixed ones on
 * every response, proxy.ts the Content-Security-Policy (a fresh nonce per page) and HSTS.
 */
export const FIXED_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** Two years, as the HSTS preload list asks; sent only on responses that came over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

type PolicyOptions = { nonce: string; dev: boolean; https: boolean };

/**
 * Scripts run only with this request's nonce (Next puts it on its own scripts when it finds it
 * in the request's CSP header) and what they load ('strict-dynamic'). Styles allow inline
 * attributes: progress bars set their width in style="", which a nonce cannot cover, and a style
 * attribute cannot run code. In development React needs eval and the dev server a websocket.
 */
export function pageContentSecurityPolicy({ nonce, dev, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** API answers (JSON, CSV downloads) load nothing and are framed by nobody. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
