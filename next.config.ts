import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { FIXED_SECURITY_HEADERS } from "./lib/security-headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // No "X-Powered-By: Next.js": the stack is nobody's business.
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: FIXED_SECURITY_HEADERS }];
  },
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "@node-rs/argon2", "pino", "postgres"],
};

export default withNextIntl(nextConfig);
