import { formatLimit, TEXT_LIMITS } from "../domain/input-limits.ts";

export const orgMessages = {
  nameRequired: "Enter the organization's name.",
  nameTooLong: `Use at most ${formatLimit(TEXT_LIMITS.organizationName)} characters for the name.`,
  industryRequired: "Choose an industry.",
  sizeBandRequired: "Choose a size band.",
  regionRequired: "Choose a region.",
  kindRequired: "Choose whether the organization assesses itself or is a consultancy.",
  slugInvalid:
    "Use 3 to 48 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
  slugTaken: "This address is already taken by another organization.",
  roleInvalid: "Choose one of the roles.",
  onlyOwnersGrantOwner: "Only an owner can make someone an owner or change an owner's role.",
  lastOwnerDemote: "The last owner cannot be demoted. Make someone else an owner first.",
  lastOwnerRemove: "The last owner cannot be removed. Make someone else an owner first.",
  lastOwnerLeave: "You are the last owner, so you cannot leave. Make someone else an owner first.",
  memberNotFound: "This person is not a member of the organization.",
  invitationNotFound: "This invitation link is not valid. Ask for a new one.",
  invitationExpired: "This invitation has expired. Invitations are valid for 7 days; ask for a new one.",
  invitationUsed: "This invitation has already been used. Each link works once; ask for a new one.",
  invitationRevoked: "This invitation was revoked. Ask for a new one.",
  alreadyMember: "You are already a member of this organization.",
  forbidden: "Your role in this organization does not allow this.",
  notFound: "There is no such page in this organization.",
} as const;

export const apiTokenMessages = {
  nameRequired: "Give the token a name, such as the system that will use it.",
  nameTooLong: `Use at most ${formatLimit(TEXT_LIMITS.apiTokenName)} characters for the token's name.`,
  roleInvalid: "Choose viewer or admin.",
  notFound: "This token does not exist or is already revoked.",
} as const;
