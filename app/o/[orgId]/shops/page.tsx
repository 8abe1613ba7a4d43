import { entityPages } from "../_components/entities/entity-pages";

/** The shop list; the organisation's home (/o/[orgId]) is the portfolio. */
const page = entityPages.list("shop");
export const generateMetadata = page.metadata;
export default page.Page;
