/** What a handler may ask for; which role holds which lives in server/authz (roles never leave it). */
export const PERMISSIONS = [
  "org.read",
  "org.update",
  "org.delete",
  "members.read",
  "members.manage",
  "shops.read",
  "shops.write",
  "creators.read",
  "creators.write",
  "imports.read",
  "imports.write",
  "scores.read",
  "scores.recompute",
  "sync.manage",
  /** Edit the voice-of-the-customer keyword dictionary (买家之声 problem tagging). */
  "voc.write",
  /** Handle the daily operations queues: bad-review ledger, reply templates, appeals (申诉), problem log. */
  "queues.write",
  "directory.read",
  "directory.write",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
