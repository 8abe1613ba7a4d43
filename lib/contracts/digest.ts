import { z } from "zod";
import { daySchema } from "./common";
import type { Message } from "./message";

/**
 * The daily brief and weekly digest (issue 18): one message per member, channel-neutral (a title,
 * sections of lines, a link), so in-app, e-mail and group bots render the same thing. Client-safe.
 */

export const DIGEST_KINDS = ["daily", "weekly"] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

export const DIGEST_SECTIONS = ["scores", "risks", "goals", "stale", "work"] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

/** The digest as built: message keys with parameters, rendered in the reader's language when sent or shown. */
export type DigestMessage = {
  kind: DigestKind;
  day: string;
  orgId: string;
  title: Message;
  /** A one-line summary ("3 shops, 1 at risk, 2 goals on track"). */
  summary: Message;
  sections: { section: DigestSection; heading: Message; lines: Message[] }[];
  /** A path inside the app (`/o/<org>/digest?kind=daily&day=…`); channels make it absolute. */
  link: string;
};

/** The same message rendered in one language: what a channel sends. */
export type RenderedDigest = {
  kind: DigestKind;
  day: string;
  title: string;
  summary: string;
  sections: { section: DigestSection; heading: string; lines: string[] }[];
  link: string;
};

export const digestPreferencesSchema = z.object({
  daily: z.boolean(),
  weekly: z.boolean(),
  inApp: z.boolean(),
  email: z.boolean(),
});
export type DigestPreferences = z.infer<typeof digestPreferencesSchema>;

/** A member who never chose receives nothing: the brief and digest are opt-in. */
export const DEFAULT_DIGEST_PREFERENCES: DigestPreferences = { daily: false, weekly: false, inApp: true, email: false };

export const digestPreviewInput = z.object({
  kind: z.enum(DIGEST_KINDS).default("daily"),
  day: daySchema.optional(),
});
export type DigestPreviewInput = z.input<typeof digestPreviewInput>;
