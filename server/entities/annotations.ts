import { and, asc, eq, lte } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { entityAnnotations } from "@/db/schema";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import type { CreateAnnotationInput, UpdateAnnotationInput } from "@/lib/contracts/scores";
import { notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import { getEntity } from "./queries";

const columns = {
  id: entityAnnotations.id,
  day: entityAnnotations.day,
  text: entityAnnotations.text,
  createdBy: entityAnnotations.createdBy,
  updatedAt: entityAnnotations.updatedAt,
};

const annotationNotFound = () => notFound("annotationNotFound");

/** The notes on an entity's timeline, oldest first (up to a day: an as-of view shows none after it). */
export async function listAnnotations(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, entityId: string, upTo?: Day) {
  return tx
    .select(columns)
    .from(entityAnnotations)
    .where(
      and(
        eq(entityAnnotations.orgId, scope.orgId),
        eq(entityAnnotations.entityKind, kind),
        eq(entityAnnotations.entityId, entityId),
        upTo ? lte(entityAnnotations.day, upTo) : undefined,
      ),
    )
    .orderBy(asc(entityAnnotations.day), asc(entityAnnotations.createdAt));
}

export async function addAnnotation(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, input: CreateAnnotationInput) {
  // The entity must be one the caller sees (a limited member: a granted shop).
  const entity = await getEntity(tx, scope, kind, input.entityId);
  const [row] = await tx
    .insert(entityAnnotations)
    .values({ orgId: scope.orgId, entityKind: kind, entityId: entity.id, day: input.day, text: input.text, createdBy: scope.userId })
    .returning(columns);
  if (!row) throw annotationNotFound();
  return row;
}

/** The annotation by id, of an entity of this kind the caller sees; anything else is not found. */
async function visibleAnnotation(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, id: string) {
  const [row] = await tx
    .select({ id: entityAnnotations.id, entityId: entityAnnotations.entityId })
    .from(entityAnnotations)
    .where(and(eq(entityAnnotations.orgId, scope.orgId), eq(entityAnnotations.entityKind, kind), eq(entityAnnotations.id, id)));
  if (!row) throw annotationNotFound();
  await getEntity(tx, scope, kind, row.entityId).catch(() => {
    throw annotationNotFound();
  });
  return row;
}

export async function updateAnnotation(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, input: UpdateAnnotationInput) {
  const found = await visibleAnnotation(tx, scope, kind, input.id);
  const [row] = await tx
    .update(entityAnnotations)
    .set({ day: input.day, text: input.text, updatedAt: new Date() })
    .where(and(eq(entityAnnotations.orgId, scope.orgId), eq(entityAnnotations.id, found.id)))
    .returning(columns);
  if (!row) throw annotationNotFound();
  return row;
}

export async function deleteAnnotation(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, id: string) {
  const found = await visibleAnnotation(tx, scope, kind, id);
  await tx.delete(entityAnnotations).where(and(eq(entityAnnotations.orgId, scope.orgId), eq(entityAnnotations.id, found.id)));
  return { id: found.id };
}
