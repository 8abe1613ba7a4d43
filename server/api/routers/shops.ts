import { scoredEntityRouter } from "./scored-entities";

export const shopsRouter = scoredEntityRouter("shop");
