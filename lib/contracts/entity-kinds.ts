/** The things Koubei scores; each kind has its own rule sets and pages. */
export const ENTITY_KINDS = ["shop", "creator"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const PLATFORMS = ["douyin"] as const;
export type Platform = (typeof PLATFORMS)[number];
