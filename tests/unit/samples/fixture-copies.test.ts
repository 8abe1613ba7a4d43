import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLES_DIR, SHARED_SAMPLES_DIR } from "../../helpers/sample-paths";

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

// The tests read copies so that no clone depends on the shared folder; where the shared folder
// is present (the team's workspace) the copies must still be the samples it holds, byte for byte.
describe.skipIf(!fs.existsSync(SHARED_SAMPLES_DIR))("the sample copies in tests/fixtures", () => {
  const copies = filesUnder(SAMPLES_DIR);

  it("hold the canonical facts, the four shops' exports and the three expected files", () => {
    expect(copies.filter((f) => f.startsWith(`canonical${path.sep}`))).toHaveLength(7);
    expect(copies.filter((f) => f.startsWith(`douyin-exports${path.sep}`))).toHaveLength(20);
    expect(copies.filter((f) => f.startsWith("expected-"))).toHaveLength(3);
  });

  it("hold the current rules' samples: every kind canonical, three shops' exports, three expected files", () => {
    const under = (prefix: string) => copies.filter((f) => f.startsWith(path.join("current", prefix)));
    expect(under(`canonical${path.sep}`)).toHaveLength(12);
    expect(under(`douyin-exports${path.sep}`)).toHaveLength(30);
    expect(under("expected-")).toHaveLength(3);
  });

  it.each(copies)("%s is the shared sample byte for byte", (file) => {
    const shared = fs.readFileSync(path.join(SHARED_SAMPLES_DIR, file));
    expect(fs.readFileSync(path.join(SAMPLES_DIR, file)).equals(shared)).toBe(true);
  });
});
