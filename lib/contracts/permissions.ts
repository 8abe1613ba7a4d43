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
  "directory.read",
  "directory.write",
  /** Create and revoke the organisation's public-API keys. */
  "apiKeys.manage",
  /** Read the organisation's audit log (who changed what). */
  "audit.read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
