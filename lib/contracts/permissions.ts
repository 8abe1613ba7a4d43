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
  /** See the alert rules and endpoints, and choose what one receives oneself. */
  "alerts.read",
  /** Create, change and delete alert rules and endpoints. */
  "alerts.manage",
  /** Read the delivery log of alert endpoints. */
  "alerts.log",
  /** Read checklists (every role); an item's assignee may also update it. */
  "checklists.read",
  /** Assign, schedule, complete and close checklists. */
  "checklists.write",
  /** Read the playbook library and an entity's suggested playbooks. */
  "playbooks.read",
  /** Copy, write, edit and archive the organisation's own playbooks. */
  "playbooks.write",
  /** Apply a playbook to a shop or creator account as a checklist. */
  "playbooks.apply",
  /** Create and revoke the organisation's public-API keys. */
  "apiKeys.manage",
  /** Read the organisation's audit log (who changed what). */
  "audit.read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
