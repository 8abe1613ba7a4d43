import { entityPages } from "../../_components/entities/entity-pages";

const page = entityPages.details("creator", "creatorId");
export const generateMetadata = page.metadata;
export default page.Page;
