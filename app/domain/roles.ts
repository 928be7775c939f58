// Ordered from least to most authority; a role includes every role before it.
export const ROLES = ["viewer", "member", "program_lead", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  member: "Member",
  program_lead: "Program lead",
  admin: "Admin",
  owner: "Owner",
};
