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
  /** Read the playbook library and an entity's suggested playbooks. */
  "playbooks.read",
  /** Copy, write, edit and archive the organisation's own playbooks. */
  "playbooks.write",
  /** Apply a playbook to a shop or creator account as a checklist. */
  "playbooks.apply",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
