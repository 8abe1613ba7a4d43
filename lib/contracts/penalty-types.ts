import { z } from "zod";
import { nameSchema } from "./common";
import { PENALTY_TYPES } from "./facts";

/**
 * 处罚类型映射: an organisation's own penalty label → type mappings (penalty_type_overrides),
 * over the default table of server/catalog/penalty-types.ts. Client-safe: the settings form
 * and the router share these.
 */
export const penaltyTypeSchema = z.enum(PENALTY_TYPES);

/** The label as the platform's export writes it (违规类型); stray spaces and width are ignored when matching. */
export const penaltyLabelSchema = nameSchema(100);

export const setPenaltyTypeInput = z.object({ label: penaltyLabelSchema, type: penaltyTypeSchema });
export const removePenaltyTypeInput = z.object({ label: z.string().max(200) });

export type SetPenaltyTypeInput = z.infer<typeof setPenaltyTypeInput>;
export type RemovePenaltyTypeInput = z.infer<typeof removePenaltyTypeInput>;
