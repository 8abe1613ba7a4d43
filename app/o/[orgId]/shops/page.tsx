import { entityPages } from "../_components/entities/entity-pages";

/** The shop list under its own path too: an organisation whose home is elsewhere (homePathFor) reaches it here. */
const page = entityPages.list("shop");
export const generateMetadata = page.metadata;
export default page.Page;
