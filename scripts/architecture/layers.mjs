/**
 * The parts of Koubei and which may import which: one table that eslint.config.mjs turns into
 * `no-restricted-imports` rules and that docs/ARCHITECTURE.md shows (a test keeps the two equal).
 * Each part lists what it must NOT import; everything else is allowed.
 */

/** Anything under db/ or drizzle/postgres drivers: the browser must never load a table definition. */
const DATABASE_PACKAGES = "^(drizzle-orm|postgres|@electric-sql/pglite|pg-boss)(/|$)";
/** Packages that only run in Node on the server. */
const SERVER_PACKAGES = "^(server-only|next-auth$|@node-rs/|pino$|iconv-lite$|exceljs$|yauzl$|saxes$)";

const never = (regex, message, extra = {}) => ({ regex, message, ...extra });

/**
 * Moves other branches of issue 10 make: until they land, these UI imports of server modules are
 * tolerated (shop/creator forms → lib/contracts/entities.ts, score types → lib/contracts/explanation.ts).
 * Delete an entry when its move is merged; the rule then forbids the import like any other.
 */
/** @type {string[]} Paths UI code may still import while they move to lib/contracts. */
export const PENDING_MOVES = [];
const pending = PENDING_MOVES.map((path) => `|${path.replace(/^server\//, "").replace(/[./]/g, "\\$&")}$`).join("");

const uiNever = [
  never("^@/(db|cli)(/|$)", "UI code never imports db/ or cli/: enums and zod inputs live in lib/contracts."),
  never(
    `^@/server/(?!api/root$${pending})`,
    "UI code never imports server/: use lib/contracts for enums and inputs, tRPC for data (server components: app/_lib/server-api.ts).",
  ),
  never("^@/server/api/root$", "UI code may only `import type { AppRouter }` from server/api/root.", { allowTypeImports: true }),
  never(DATABASE_PACKAGES, "UI code never imports the database drivers."),
  never(SERVER_PACKAGES, "UI code never imports server-only packages."),
  never("^(\\.\\./)+(db|server|cli)(/|$)", "UI code never reaches db/, server/ or cli/ by a relative path."),
];

const serverSideNever = (part) => [
  never("^@/(app|components)(/|$)", `${part} never imports the UI (app/, components/).`),
  never("^@/lib/(?!contracts(/|$))", `${part} shares only lib/contracts with the UI; the rest of lib/ is browser code.`),
];

/** In order; a file belongs to the first part whose globs match it. */
export const LAYERS = [
  {
    part: "lib/contracts",
    files: ["lib/contracts/**"],
    mayImport: "zod and itself",
    mayNot: "anything else",
    never: [never("^(?!zod$|\\./)", "lib/contracts is client-safe: it imports zod and its own files, nothing else.")],
  },
  {
    part: "app route handlers",
    files: ["app/api/**", "app/_lib/server-api.ts"],
    mayImport: "server/api, server/<domain>, lib/contracts",
    mayNot: "db, cli, app UI, components, lib (other than contracts)",
    never: [
      never("^@/(db|cli)(/|$)", "Route handlers reach the database through server/ (one tenancy guard), never db/ directly."),
      never("^(\\.\\./)+(db|cli)(/|$)", "Route handlers never reach db/ or cli/ by a relative path."),
      ...serverSideNever("A route handler"),
    ],
  },
  {
    part: "app UI",
    files: ["app/**"],
    mayImport: "components, lib, app/_lib/server-api.ts (server components only), `import type { AppRouter }` from server/api/root",
    mayNot: "db, server (any other import), cli, database drivers, server-only packages",
    never: uiNever,
  },
  {
    part: "components",
    files: ["components/**", "lib/**"],
    mayImport: "components, lib, `import type { AppRouter }` from server/api/root",
    mayNot: "db, server (any other import), cli, app, database drivers, server-only packages",
    never: [...uiNever, never("^@/app(/|$)", "components/ and lib/ never import app/.")],
  },
  {
    part: "server/api",
    files: ["server/api/**"],
    mayImport: "server/<domain>, server/jobs, db, lib/contracts",
    mayNot: "app, components, lib (other than contracts), cli",
    never: [...serverSideNever("server/api"), never("^@/cli(/|$)", "server/api never imports cli/.")],
  },
  {
    part: "server/jobs",
    files: ["server/jobs/**"],
    mayImport: "server/<domain>, db, lib/contracts",
    mayNot: "server/api, app, components, lib (other than contracts), cli",
    never: [
      never("^@/(server/api|cli)(/|$)", "Job workers call domain functions, never the tRPC layer or cli/."),
      ...serverSideNever("server/jobs"),
    ],
  },
  {
    part: "server/<domain>",
    files: ["server/**"],
    mayImport: "other server/<domain>, server/jobs, db, lib/contracts",
    mayNot: "server/api, app, components, lib (other than contracts), cli",
    never: [
      never("^@/(server/api|cli)(/|$)", "Domain code never imports the tRPC layer or cli/: transports call the domain, not the reverse."),
      never("^\\.\\./api(/|$)", "Domain code never imports the tRPC layer."),
      ...serverSideNever("Domain code"),
    ],
  },
  {
    part: "db",
    files: ["db/**"],
    mayImport: "itself and lib/contracts",
    mayNot: "server, app, components, cli, lib (other than contracts)",
    never: [
      never("^@/(?!db/|lib/contracts/)", "db/ imports only itself and lib/contracts (never server/, the UI or cli/)."),
      never("^(\\.\\./)+(server|app|components|cli|lib)(/|$)", "db/ never reaches another part by a relative path."),
    ],
  },
  {
    part: "cli",
    files: ["cli/**"],
    mayImport: "server/<domain>, server/jobs, db, lib/contracts",
    mayNot: "server/api, app, components, lib (other than contracts)",
    never: [never("^@/server/api(/|$)", "The CLI calls domain functions, not the tRPC layer."), ...serverSideNever("The CLI")],
  },
];

/** ESLint flat-config blocks, one per part; each file gets exactly one part's restrictions. */
export function layerRules() {
  return LAYERS.map((layer, index) => ({
    files: layer.files,
    ignores: LAYERS.slice(0, index).flatMap((earlier) => earlier.files),
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: layer.never.map(({ regex, message, allowTypeImports }) => ({ regex, message, ...(allowTypeImports ? { allowTypeImports } : {}) })) },
      ],
    },
  }));
}

/** The table docs/ARCHITECTURE.md shows, generated from LAYERS so the two cannot drift. */
export function layersMarkdown() {
  const rows = LAYERS.map((layer) => `| ${layer.part} | ${layer.files.map((f) => `\`${f}\``).join(", ")} | ${layer.mayImport} | ${layer.mayNot} |`);
  const table = ["| part | files (first match wins) | may import | never imports |", "|---|---|---|---|", ...rows];
  const tolerated = PENDING_MOVES.length === 0 ? [] : ["", `Tolerated until their move to lib/contracts lands: UI imports of ${PENDING_MOVES.map((p) => `\`${p}\``).join(", ")}.`];
  return [...table, ...tolerated].join("\n");
}
