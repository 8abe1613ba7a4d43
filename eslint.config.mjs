import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import { layerRules } from "./scripts/architecture/layers.mjs";

const config = [
  { ignores: [".next/**", "dist/**", ".data/**", ".data-*/**", "node_modules/**", "db/migrations/**", "bench/results/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["cli/**", "scripts/**", "bench/**", "bin/**"],
    rules: { "no-console": "off" },
  },
  // Which part may import which (docs/ARCHITECTURE.md "Parts and imports").
  ...layerRules(),
  {
    // App Router only: there is no pages/ directory for this rule to check against.
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
];

export default config;
