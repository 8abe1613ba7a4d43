import { entityPages } from "../../../../_components/entities/entity-pages";

const page = entityPages.indicatorFacts("shop", "shopId");
export const generateMetadata = page.metadata;
export default page.Page;
