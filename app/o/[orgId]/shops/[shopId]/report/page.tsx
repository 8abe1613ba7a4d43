import { entityPages } from "../../../_components/entities/entity-pages";

const page = entityPages.report("shop", "shopId");
export const generateMetadata = page.metadata;
export default page.Page;
