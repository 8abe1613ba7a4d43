import { scoredEntityRouter } from "./scored-entities";

export const creatorsRouter = scoredEntityRouter("creator");
