import { z } from "zod";
import { benchmarkMessages } from "../messages/benchmarks.ts";
import { apiTokenMessages, orgMessages } from "../messages/organizations.ts";
import { API_TOKEN_ROLES } from "./api/tokens.ts";
import { TEXT_LIMITS } from "./input-limits.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "./organization-options.ts";
import { ROLES } from "./roles.ts";

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,46}[a-z0-9]$/;

/** A URL slug from a name: lowercase ASCII words joined by hyphens, 3 to 48 characters. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base.length >= 3 ? base : `org-${base || "new"}`.replace(/-$/, "");
}

/** slug, slug-2, slug-3, …: the candidates tried in order until one is free. */
export function uniqueSlugCandidates(base: string, count = 20): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? base : `${base}-${i + 1}`));
}

const trimmed = (message: string, max: number, tooLong: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, tooLong);

export const organizationProfileSchema = z.object({
  name: trimmed(orgMessages.nameRequired, TEXT_LIMITS.organizationName, orgMessages.nameTooLong),
  industry: z.enum(INDUSTRIES, { error: orgMessages.industryRequired }),
  sizeBand: z.enum(SIZE_BANDS, { error: orgMessages.sizeBandRequired }),
  region: z.enum(REGIONS, { error: orgMessages.regionRequired }),
});

export const newOrganizationSchema = organizationProfileSchema.extend({
  kind: z.enum(["company", "consultancy"], { error: orgMessages.kindRequired }).default("company"),
});

export const organizationSettingsSchema = organizationProfileSchema.extend({
  slug: z
    .string({ error: orgMessages.slugInvalid })
    .trim()
    .toLowerCase()
    .max(TEXT_LIMITS.organizationSlug, orgMessages.slugInvalid)
    .regex(SLUG_PATTERN, orgMessages.slugInvalid),
});

export const newApiTokenSchema = z.object({
  name: trimmed(apiTokenMessages.nameRequired, TEXT_LIMITS.apiTokenName, apiTokenMessages.nameTooLong),
  role: z.enum(API_TOKEN_ROLES, { error: apiTokenMessages.roleInvalid }),
});

export const roleSchema = z.enum(ROLES, { error: orgMessages.roleInvalid });

/** A member of the organization, named by their user id; anything else is not one of them. */
const memberIdSchema = z.uuid({ error: orgMessages.memberNotFound });
/** On a removal or demotion: keep the respondent links the person made that are in use. */
const keepStartedLinksSchema = z.literal("yes").optional();

export const inviteMemberSchema = z.object({ role: roleSchema });
export const revokeInvitationSchema = z.object({ invitationId: z.uuid({ error: orgMessages.invitationNotFound }) });
export const changeRoleSchema = z.object({ userId: memberIdSchema, role: roleSchema, confirmed: z.literal("yes").optional(), keepStartedLinks: keepStartedLinksSchema });
export const removeMemberSchema = z.object({ userId: memberIdSchema, keepStartedLinks: keepStartedLinksSchema });

export const revokeApiTokenSchema = z.object({ tokenId: z.string({ error: apiTokenMessages.notFound }).min(1, apiTokenMessages.notFound) });
export const platformPoolSchema = z.object({ platformPool: z.enum(["join", "leave"], { error: benchmarkMessages.optIn.invalid }) });
