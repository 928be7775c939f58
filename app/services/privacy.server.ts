import { getDb } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { writeAudit } from "#db/queries/audit.ts";
import { setPrivacySettings } from "#db/queries/organizations.ts";
import type { PrivacySettings } from "#app/domain/privacy-settings.ts";
import { authorize, type Membership } from "./access.server.ts";
import { refreshStaleSnapshots } from "./assessments.server.ts";

/**
 * Changes the organization's minimum group size and pseudonym scheme. Every closed
 * assessment's snapshot is made again under the new size in the same transaction, so no page,
 * export or benchmark entry shows a figure the new size would withhold.
 */
export async function updatePrivacySettings(membership: Membership, settings: PrivacySettings) {
  // The promise to respondents is the organization's own; a consultant does not change it.
  authorize(membership, "privacy.manage");
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
