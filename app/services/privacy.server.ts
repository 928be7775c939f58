import { getDb } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { writeAudit } from "#db/queries/audit.ts";
import { setPrivacySettings } from "#db/queries/organizations.ts";
import type { PrivacySettings } from "#app/domain/privacy-settings.ts";
import { roleAtLeast } from "#app/domain/roles.ts";
import { orgMessages } from "#app/messages/organizations.ts";
import { privacyMessages } from "#app/messages/privacy.ts";
import { forbidden, UserError } from "#app/lib/errors.server.ts";
import type { Membership } from "./access.server.ts";
import { refreshStaleSnapshots } from "./assessments.server.ts";

/**
 * Changes the organization's minimum group size and pseudonym scheme. Every closed
 * assessment's snapshot is made again under the new size in the same transaction, so no page,
 * export or benchmark entry shows a figure the new size would withhold.
 */
export async function updatePrivacySettings(membership: Membership, settings: PrivacySettings) {
  if (!roleAtLeast(membership.role, "admin")) forbidden(orgMessages.forbidden);
  // The promise to respondents is the organization's own; a consultant does not change it.
  if (membership.engagement) throw new UserError(403, privacyMessages.consultantsCannotChange);
  const { organization } = membership;
  await inTransaction(getDb(), async (db) => {
    await setPrivacySettings(db, organization.id, settings);
    const rescored = await refreshStaleSnapshots(db, organization.id);
    await writeAudit(db, {
      organizationId: organization.id,
      actorId: membership.user.id,
      action: "organization.privacy_changed",
      details: {
        from: { minimumGroupSize: organization.minimumGroupSize, stablePseudonyms: organization.stablePseudonyms },
        to: settings,
        assessmentsRescored: rescored,
      },
    });
  });
}
