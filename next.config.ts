import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CONTENT_SECURITY_POLICY, FIXED_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "./lib/security-headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // No "X-Powered-By: Next.js": the stack is nobody's business.
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: FIXED_SECURITY_HEADERS },
      // API routes bypass proxy.ts (see its matcher): their answers load nothing, and HSTS goes out behind an https proxy.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }],
      },
    ];
  },
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled;
  // the @node-rs packages load a native binary (and jieba its dictionary file) from their own folder.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "@node-rs/argon2", "@node-rs/jieba", "pino", "postgres"],
  // CI checks the same sources with `tsc --noEmit` in its own step just before building: checking
  // them again inside `next build` cost 44 s of the two cores. Any other build checks its types.
  typescript: { ignoreBuildErrors: process.env.KOUBEI_BUILD_TYPES_CHECKED === "1" },
  experimental: {
    // A CI clone builds once and is thrown away: writing Turbopack's build cache (12 s) buys nothing there.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
};

export default withNextIntl(nextConfig);
