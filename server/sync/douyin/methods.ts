/** `order.searchList` → `/order/searchList`: dots become slashes, case kept. */
export const methodPath = (method: string): string => `/${method.split(".").join("/")}`;

export const DOUYIN_METHODS = {
  tokenCreate: "token.create",
  tokenRefresh: "token.refresh",
  orderSearch: "order.searchList",
  afterSaleList: "afterSale.List",
  experienceScore: "shop.getExperienceScore",
} as const;

/** The platform's page size limit for list calls. */
export const MAX_PAGE_SIZE = 100;
