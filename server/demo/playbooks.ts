/**
 * The demo shop that ships slowly: its facts are generated at a low latent quality, so its pickup
 * and delivery fall to the bottom of the 服饰内衣 cohort and the logistics playbooks are suggested
 * on the newcomer's first visit to it.
 */
export const DEMO_SLOW_SHIPPER = "暖冬羽绒";
export const DEMO_SLOW_SHIPPER_QUALITY = 0.06;
