// The portfolio page's query string. Its own module, imported by the loader only, so that zod
// stays out of the page's browser code.
import { z } from "zod";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "./organization-options.ts";
import { PORTFOLIO_SORTS } from "./portfolio.ts";

const optional = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.union([z.literal(""), z.enum(values)], { error: message }).optional();

export const portfolioQuerySchema = z.object({
  industry: optional(INDUSTRIES, "Choose an industry from the list."),
  sizeBand: optional(SIZE_BANDS, "Choose a size band from the list."),
  region: optional(REGIONS, "Choose a region from the list."),
  sort: z.enum(PORTFOLIO_SORTS, { error: "Sort by one of the columns." }).default("name"),
  dir: z.enum(["asc", "desc"], { error: "Sort ascending or descending." }).default("asc"),
});
