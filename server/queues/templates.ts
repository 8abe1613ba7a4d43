import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { replyTemplates } from "@/db/schema";
import type { replyTemplateInput, ReplyTemplate } from "@/lib/contracts/queues";
import { audit } from "@/server/lib/audit";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { DEFAULT_REPLY_TEMPLATES } from "./default-templates";

/** The organisation's reply templates, or the built-in seeds (zh and en) while it has none. */
export async function listReplyTemplates(tx: Tx, orgId: string): Promise<ReplyTemplate[]> {
  const rows = await tx.select().from(replyTemplates).where(eq(replyTemplates.orgId, orgId)).orderBy(asc(replyTemplates.locale), asc(replyTemplates.createdAt), asc(replyTemplates.title));
  if (rows.length === 0) return DEFAULT_REPLY_TEMPLATES.map((t) => ({ id: null, ...t, builtIn: true }));
  return rows.map((row) => ({ id: row.id, locale: row.locale, title: row.title, body: row.body, builtIn: false }));
}

/**
 * Creates or edits one template. The first save copies the built-in seeds into the organisation
 * first, so editing never makes the others disappear.
 */
export async function saveReplyTemplate(tx: Tx, scope: OrgScope, input: z.infer<typeof replyTemplateInput>): Promise<{ id: string }> {
  const existing = await tx.select({ id: replyTemplates.id }).from(replyTemplates).where(eq(replyTemplates.orgId, scope.orgId)).limit(1);
  if (existing.length === 0) await tx.insert(replyTemplates).values(DEFAULT_REPLY_TEMPLATES.map((t) => ({ orgId: scope.orgId, ...t })));
  let id = input.id;
  if (id) {
    const updated = await tx
      .update(replyTemplates)
      .set({ locale: input.locale, title: input.title, body: input.body, updatedAt: new Date() })
      .where(and(eq(replyTemplates.orgId, scope.orgId), eq(replyTemplates.id, id)))
      .returning({ id: replyTemplates.id });
    if (updated.length === 0) throw notFound("queues.templateNotFound");
  } else {
    const [created] = await tx.insert(replyTemplates).values({ orgId: scope.orgId, locale: input.locale, title: input.title, body: input.body }).returning({ id: replyTemplates.id });
    id = created?.id ?? "";
  }
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "queues.template.save", target: id });
  return { id };
}

export async function deleteReplyTemplate(tx: Tx, scope: OrgScope, id: string): Promise<void> {
  const deleted = await tx.delete(replyTemplates).where(and(eq(replyTemplates.orgId, scope.orgId), eq(replyTemplates.id, id))).returning({ id: replyTemplates.id });
  if (deleted.length === 0) throw notFound("queues.templateNotFound");
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "queues.template.delete", target: id });
}
