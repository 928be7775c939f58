// The privacy settings form; only the settings action imports it, so zod stays out of the browser (ADR 0012).
import { z } from "zod";
import { privacyMessages } from "../messages/privacy.ts";
import { MINIMUM_GROUP_SIZE_CEILING, MINIMUM_GROUP_SIZE_FLOOR } from "./privacy.ts";

const invalid = privacyMessages.minimumInvalid(MINIMUM_GROUP_SIZE_FLOOR, MINIMUM_GROUP_SIZE_CEILING);

export const privacySettingsSchema = z.object({
  minimumGroupSize: z.coerce
    .number({ error: invalid })
    .int(invalid)
    .min(MINIMUM_GROUP_SIZE_FLOOR, invalid)
    .max(MINIMUM_GROUP_SIZE_CEILING, invalid),
  // A checkbox: present when ticked.
  stablePseudonyms: z.literal("on").optional().transform((v) => v === "on"),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
