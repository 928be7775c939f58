export * from "./identity.ts";
export * from "./organizations.ts";
export * from "./audit.ts";
export * from "./questionnaires.ts";
export * from "./assessments.ts";
export * from "./roadmaps.ts";
export * from "./benchmarks.ts";
export * from "./api.ts";
