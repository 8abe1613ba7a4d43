// Types for the TypeScript that imports this plain-JavaScript build script (the benchmarks).
export const ROOT: string;
export const CLI_BUNDLE: string;
export function cliBundleStale(): string | null;
export function bundleForNode(options: { entry: string; outfile: string }): Promise<{ inputs: Record<string, unknown> }>;
export function buildCliBundle(): Promise<string>;
export function ensureCliBundle(): Promise<string | null>;
