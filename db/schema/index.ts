export * from "./identity.ts";
export * from "./organizations.ts";
export * from "./audit.ts";
