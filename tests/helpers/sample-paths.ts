import path from "node:path";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Byte-for-byte copies of the team's shared samples, kept in the repository so the tests run in
 * any clone, on any machine, without the shared folder (tests/unit/samples/fixture-copies.test.ts
 * checks that they still match it wherever it sits beside the repository).
 */
export const SAMPLES_DIR = path.join(REPO_ROOT, "tests/fixtures/samples");
export const CANONICAL_DIR = path.join(SAMPLES_DIR, "canonical");
/** The four shops' files as the Douyin shop back-end exports them (GBK, Chinese headers). */
export const DOUYIN_EXPORTS_DIR = path.join(SAMPLES_DIR, "douyin-exports");

/** Where the shared samples live in a checkout of the team's workspace: `../shared` beside the repository. */
export const SHARED_SAMPLES_DIR = path.resolve(REPO_ROOT, "../shared/samples");

export const douyinExport = (shopKey: string, kind: string): string => path.join(DOUYIN_EXPORTS_DIR, shopKey, `${kind}.csv`);

/** The kinds the first samples (canonical/, douyin-exports/) carry: the shop kinds before the current rules added theirs. */
export const SAMPLE_EXPORT_KINDS = ["orders", "reviews", "after_sales", "complaints", "chats"] as const;

/** The current rules' samples (data-formats-current.md): every kind as canonical CSV, and three shops' platform-style exports. */
export const CURRENT_CANONICAL_DIR = path.join(SAMPLES_DIR, "current/canonical");
export const CURRENT_DOUYIN_EXPORTS_DIR = path.join(SAMPLES_DIR, "current/douyin-exports");
export const currentDouyinExport = (shopKey: string, kind: string): string => path.join(CURRENT_DOUYIN_EXPORTS_DIR, shopKey, `${kind}.csv`);
