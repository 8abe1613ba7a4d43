export * from "./auth";
export * from "./catalog";
export * from "./orgs";
export * from "./shops";
export * from "./facts";
export * from "./scoring";
export * from "./imports";
export * from "./sync";
