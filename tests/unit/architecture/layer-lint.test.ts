import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rule as a user of it meets it: lint one import written into a file of each part and
 * see whether no-restricted-imports refuses it.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../../..") });
});

async function refused(file: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: file });
  return (result?.messages ?? []).some((m) => m.ruleId === "@typescript-eslint/no-restricted-imports");
}

describe("layer rule", () => {
  it.each([
    ["components/forms/x.ts", 'import { shops } from "@/db/schema";'],
    ["components/forms/x.ts", 'import { sql } from "drizzle-orm";'],
    ["components/forms/x.ts", 'import { can } from "@/server/authz/permissions";'],
    ["components/forms/x.ts", 'import type { Role } from "@/server/lib/scope";'],
    ["components/forms/x.ts", 'import { appRouter } from "@/server/api/root";'],
    ["components/forms/x.ts", 'import { serverCaller } from "@/app/_lib/server-api";'],
    ["lib/scores/x.ts", 'import "server-only";'],
    ["app/o/[orgId]/members/x.tsx", 'import { ROLES } from "../../../../db/schema/orgs";'],
    ["app/o/[orgId]/page.tsx", 'import { currentSession } from "@/server/auth/config";'],
    ["app/api/imports/upload/route.ts", 'import { imports } from "@/db/schema";'],
    ["db/seed-reference.ts", 'import { CATEGORY_SEED } from "@/server/catalog/categories";'],
    ["db/schema/x.ts", 'import { TRPCProvider } from "@/lib/trpc-client";'],
    ["lib/contracts/x.ts", 'import { shops } from "@/db/schema";'],
    ["lib/contracts/x.ts", 'import { isDay } from "@/server/lib/time";'],
    ["lib/contracts/x.ts", 'import { clsx } from "clsx";'],
    ["server/imports/x.ts", 'import { appRouter } from "@/server/api/root";'],
    ["server/jobs/x.ts", 'import { router } from "@/server/api/trpc";'],
    ["server/orgs/x.ts", 'import { Button } from "@/components/ui/button";'],
    ["server/orgs/x.ts", 'import { useTRPC } from "@/lib/trpc-client";'],
    ["cli/commands/x.ts", 'import { appRouter } from "@/server/api/root";'],
  ])("%s may not: %s", async (file, source) => {
    expect(await refused(file, source)).toBe(true);
  });

  it.each([
    ["components/forms/x.ts", 'import type { AppRouter } from "@/server/api/root";'],
    ["components/forms/x.ts", 'import { ORG_KINDS } from "@/lib/contracts/orgs";'],
    ["app/o/[orgId]/page.tsx", 'import { serverCaller } from "@/app/_lib/server-api";'],
    ["app/api/imports/upload/route.ts", 'import { saveUpload } from "@/server/imports/uploads";'],
    ["db/schema/orgs.ts", 'import { ROLES } from "@/lib/contracts/members";'],
    ["lib/contracts/x.ts", 'import { z } from "zod";\nimport { ROLES } from "./members";'],
    ["server/orgs/x.ts", 'import { organisations } from "@/db/schema";\nimport { ORG_KINDS } from "@/lib/contracts/orgs";'],
    ["server/api/routers/x.ts", 'import { createOrganisation } from "@/server/orgs/service";'],
    ["cli/commands/x.ts", 'import { memberships } from "@/db/schema";'],
  ])("%s may: %s", async (file, source) => {
    expect(await refused(file, source)).toBe(false);
  });
});
