import { entityPages } from "../_components/entities/entity-pages";

const page = entityPages.list("creator");
export const generateMetadata = page.metadata;
export default page.Page;
