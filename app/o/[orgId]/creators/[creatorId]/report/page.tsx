import { entityPages } from "../../../_components/entities/entity-pages";

const page = entityPages.report("creator", "creatorId");
export const generateMetadata = page.metadata;
export default page.Page;
