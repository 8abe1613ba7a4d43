import { describe, expect, it } from "vitest";
import { demoWanted, fixedDemoPassword, generateDemoPassword, PUBLISHED_DEMO_PASSWORD } from "@/server/demo/settings";

describe("demo settings", () => {
  it("seeds the demo on the embedded database only, unless KOUBEI_DEMO says otherwise", () => {
    expect(demoWanted("pglite", {})).toBe(true);
    expect(demoWanted("postgres", { DATABASE_URL: "postgres://x" })).toBe(false);
    expect(demoWanted("postgres", { KOUBEI_DEMO: "1" })).toBe(true);
    expect(demoWanted("pglite", { KOUBEI_DEMO: "0" })).toBe(false);
    expect(demoWanted("pglite", { KOUBEI_SKIP_DEMO: "1" })).toBe(false);
    expect(() => demoWanted("pglite", { KOUBEI_DEMO: "yes" })).toThrow(/KOUBEI_DEMO must be 1 or 0/);
  });

  it("generates a different password each time unless one is fixed, and refuses a weak or published fixed one", () => {
    expect(fixedDemoPassword({})).toBeNull();
    expect(generateDemoPassword()).not.toBe(generateDemoPassword());
    expect(generateDemoPassword()).toHaveLength(16);
    expect(fixedDemoPassword({ KOUBEI_DEMO_PASSWORD: "a-long-enough-one" })).toBe("a-long-enough-one");
    expect(() => fixedDemoPassword({ KOUBEI_DEMO_PASSWORD: "short" })).toThrow(/at least 12/);
    expect(() => fixedDemoPassword({ KOUBEI_DEMO_PASSWORD: PUBLISHED_DEMO_PASSWORD })).toThrow(/published/);
  });
});
