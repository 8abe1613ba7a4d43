import type { RouterOutputs } from "@/components/api-types";

export type VocProblems = RouterOutputs["voc"]["problems"];
export type VocProblemItems = RouterOutputs["voc"]["problemItems"];
export type VocDrillDowns = RouterOutputs["voc"]["drillDowns"];
export type VocDictionaryData = RouterOutputs["voc"]["dictionary"];
