// The engagement forms. Kept apart from engagements.ts, which the engagement pages import, and
// imported by actions only, so that zod stays out of the pages' browser code.
import { z } from "zod";
import { engagementMessages } from "../messages/engagements.ts";
import { ENGAGEMENT_ROLES } from "./engagements.ts";

export const engagementRoleSchema = z.enum(ENGAGEMENT_ROLES, { error: "Choose the role the consultancy gets: viewer or admin." });

/** The client's offer: the role the consultancy gets. */
export const offerSchema = z.object({ role: engagementRoleSchema });

/** Ending an engagement, from the client's side or the consultancy's; respondent links still in use may be kept. */
export const endEngagementSchema = z.object({
  engagementId: z.string({ error: engagementMessages.engagementNotFound }).min(1, engagementMessages.engagementNotFound),
  keepStartedLinks: z.literal("yes").optional(),
});

/** Which of the visitor's consultancies accepts an offer. */
export const acceptOfferSchema = z.object({ consultancyId: z.string({ error: engagementMessages.chooseConsultancy }).min(1, engagementMessages.chooseConsultancy) });
