// The engagement forms. Kept apart from engagements.ts, which the engagement pages import, and
// imported by actions only, so that zod stays out of the pages' browser code.
import { z } from "zod";
import { ENGAGEMENT_ROLES } from "./engagements.ts";

export const engagementRoleSchema = z.enum(ENGAGEMENT_ROLES, { error: "Choose the role the consultancy gets: viewer or admin." });
