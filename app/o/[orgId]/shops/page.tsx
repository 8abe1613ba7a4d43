import { entityPages } from "../_components/entities/entity-pages";

const page = entityPages.list("shop");
export const generateMetadata = page.metadata;
export default page.Page;
