import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs module without type declarations
import { layersMarkdown } from "@/scripts/architecture/layers.mjs";

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("docs/ARCHITECTURE.md", () => {
  it("shows the same parts and imports the lint rule enforces", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8");
    const shown = /<!-- layers:start -->\n([\s\S]*?)\n<!-- layers:end -->/.exec(doc)?.[1];
    expect(shown).toBe(layersMarkdown());
  });
});
