import { z } from "zod";
import { daySchema, nameSchema, uuidSchema } from "./common";

/** A score read: the latest, or as of a day (`?date=` on the entity pages). */
export const entityScoreInput = z.object({ id: uuidSchema, day: daySchema.optional() });

/** A note on an entity's timeline ("switched carrier"), drawn on its history chart. */
export const annotationTextSchema = nameSchema(200);

/** The entity's kind comes from the router it is sent to (`shops.addAnnotation`, `creators.addAnnotation`). */
export const createAnnotationInput = z.object({ entityId: uuidSchema, day: daySchema, text: annotationTextSchema });
export const updateAnnotationInput = z.object({ id: uuidSchema, day: daySchema, text: annotationTextSchema });

export type CreateAnnotationInput = z.infer<typeof createAnnotationInput>;
export type UpdateAnnotationInput = z.infer<typeof updateAnnotationInput>;
