"use client";

import type { ScoreEntityKind, ScoreExplanation } from "@/components/scores/types";
import { useBilingual } from "@/components/scores/use-bilingual";
import { GapPanel } from "./GapPanel";
import { WhatIfPanel } from "./WhatIfPanel";

/** What-if and gap to threshold beside each other (stacked on a phone), named in the explanation's own indicator names. */
export function InsightPanels({ kind, id, explanation }: { kind: ScoreEntityKind; id: string; explanation: ScoreExplanation }) {
  const { primary } = useBilingual();
  const names = new Map(explanation.dimensions.flatMap((d) => d.indicators.map((i) => [i.code, primary(i)] as const)));
  const nameOf = (code: string) => names.get(code) ?? code;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <WhatIfPanel kind={kind} id={id} nameOf={nameOf} />
      <GapPanel kind={kind} id={id} scale={explanation.ruleSet} shownNow={explanation.overallShown} nameOf={nameOf} />
    </div>
  );
}
