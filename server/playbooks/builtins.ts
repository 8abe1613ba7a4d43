import { playbookDefinitionSchema, type PlaybookDefinition } from "@/lib/contracts/playbooks";
import creatorAfterSalesEscalation from "./library/creator.after-sales-escalation.json";
import creatorMerchantLogistics from "./library/creator.merchant-logistics.json";
import creatorProductSelection from "./library/creator.product-selection.json";
import logisticsCarrierRecord from "./library/logistics.carrier-record.json";
import logisticsDelayCare from "./library/logistics.delay-care.json";
import logisticsShipWithin48h from "./library/logistics.ship-within-48h.json";
import overallForecastRescue from "./library/overall.forecast-rescue.json";
import productFeedbackLoop from "./library/product.feedback-loop.json";
import productIncomingInspection from "./library/product.incoming-inspection.json";
import productListingAccuracy from "./library/product.listing-accuracy.json";
import serviceAfterSalesFirst from "./library/service.after-sales-first.json";
import serviceChatWorkbench from "./library/service.chat-workbench.json";
import serviceDissatisfiedBuyers from "./library/service.dissatisfied-buyers.json";

/**
 * The built-in library: versioned data in ./library (one JSON file per playbook), checked against
 * the definition schema when the module loads, so a malformed file stops the app at start-up
 * rather than a suggestion at run time. A file changes its `version` when its content changes;
 * copies in organisations keep the version they were made from (basedOnVersion).
 * tests/unit/playbooks/library.test.ts fails when a file in ./library is missing here.
 */
const FILES: readonly unknown[] = [
  creatorAfterSalesEscalation,
  creatorMerchantLogistics,
  creatorProductSelection,
  logisticsCarrierRecord,
  logisticsDelayCare,
  logisticsShipWithin48h,
  overallForecastRescue,
  productFeedbackLoop,
  productIncomingInspection,
  productListingAccuracy,
  serviceAfterSalesFirst,
  serviceChatWorkbench,
  serviceDissatisfiedBuyers,
];

export const BUILTIN_PLAYBOOKS: readonly PlaybookDefinition[] = FILES.map((file) => playbookDefinitionSchema.parse(file));

const BY_CODE: ReadonlyMap<string, PlaybookDefinition> = new Map(BUILTIN_PLAYBOOKS.map((p) => [p.code, p]));

export function findBuiltinPlaybook(code: string): PlaybookDefinition | undefined {
  return BY_CODE.get(code);
}

export function isBuiltinCode(code: string): boolean {
  return BY_CODE.has(code);
}
