import { entityPages } from "../../_components/entities/entity-pages";

const page = entityPages.create("shop");
export const generateMetadata = page.metadata;
export default page.Page;
