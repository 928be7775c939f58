import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { endEngagementSchema, offerSchema } from "#app/domain/engagement-forms.ts";
import { ENGAGEMENT_ROLE_LABELS, ENGAGEMENT_ROLES, type EngagementStatus } from "#app/domain/engagements.ts";
import { CopyField } from "#app/components/copy-field.tsx";
import { RevocationConfirmation } from "#app/components/revocation-confirmation.tsx";
import { FormMessage, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { can } from "#app/domain/permissions.ts";
import { ROLE_LABELS } from "#app/domain/roles.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { revocationList, revocationMessages as r } from "#app/messages/revocation.ts";
import { publicUrl } from "#app/lib/env.server.ts";
import { dispatchForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { endEngagement, listClientEngagements, offerEngagement, previewEndEngagement } from "#app/services/engagements.server.ts";
import { formatDateTime } from "#app/domain/format.ts";

export const meta: MetaFunction = () => [{ title: "Consultancies · KAM Navigator" }];


/** `?end=<engagement id>`: what ending it would revoke, before the owner confirms; a refusal is its message. */
async function confirmationFor(membership: Parameters<typeof previewEndEngagement>[0], engagementId: string | null) {
  if (engagementId === null) return undefined;
  try {
    return { ok: true as const, ...(await previewEndEngagement(membership, engagementId)) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ok: false as const, status: error.status, message: error.message };
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "engagements.view");
  const [engagements, confirmation] = await Promise.all([
    listClientEngagements(membership),
    confirmationFor(membership, new URL(request.url).searchParams.get("end")),
  ]);
  const body = {
    confirmation,
    isOwner: can(membership, "engagements.manage"),
    engagements: engagements.map((e) => ({
      ...e,
      createdAt: e.createdAt.toISOString(),
      startedAt: e.startedAt?.toISOString() ?? null,
      endedAt: e.endedAt?.toISOString() ?? null,
      inviteExpiresAt: e.inviteExpiresAt?.toISOString() ?? null,
    })),
  };
  return confirmation && !confirmation.ok ? data(body, { status: confirmation.status }) : body;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "engagements.view");
  const formData = await readForm(request);
  return dispatchForm(formData, {
    end: async () => {
      const { engagementId, keepStartedLinks } = parseForm(endEngagementSchema, formData);
      const { revoked } = await endEngagement(membership, engagementId, { keepStartedLinks: Boolean(keepStartedLinks) });
      return { ok: true as const, link: undefined, message: r.ended(revoked) };
    },
    offer: async () => {
      const { role } = parseForm(offerSchema, formData);
      const { token } = await offerEngagement(membership, role);
      return { ok: true as const, link: publicUrl(`/engage/${token}`), message: undefined };
    },
  });
}

const STATUS_LABELS: Record<EngagementStatus, string> = {
  offered: "Offered, not accepted yet",
  expired: "Offer expired",
  active: "Active",
  ended: "Ended",
};
const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso)} UTC</time> : null);

export default function Consultancies() {
  const { isOwner, engagements, confirmation } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const refused: FormState | undefined = confirmation && !confirmation.ok ? { formError: confirmation.message } : undefined;
  const failed = state && !state.ok ? (state as FormState) : refused;
  const done = state && state.ok ? state : undefined;
  return (
    <section className="card" aria-labelledby="consultancies-heading">
      <h2 id="consultancies-heading">Consultancies</h2>
      <p className="muted">
        A consultancy with an active engagement acts in this organization with the engagement&apos;s role: a viewer reads
        results and roadmaps, an admin also runs assessments, roadmaps and reports. Consultants never see your other
        consultancies, API tokens or this page. Ending an engagement ends the consultancy&apos;s access at once.
      </p>
      <FormMessage state={failed} success={done?.message} />
      {confirmation?.ok && !state ? <EndConfirmation confirmation={confirmation} /> : null}
      {isOwner ? (
        <Form method="post" className="inline-form" noValidate>
          <SelectField
            label="Role for a new consultancy"
            name="role"
            options={ENGAGEMENT_ROLES.map((role) => ({ value: role, label: ENGAGEMENT_ROLE_LABELS[role] }))}
            defaultValue={ENGAGEMENT_ROLES[0]}
            state={failed}
          />
          <SubmitButton intent="offer" pendingText="Creating link…">
            Create an engagement link
          </SubmitButton>
        </Form>
      ) : (
        <p className="muted">Only an owner can offer or end engagements.</p>
      )}
      {done?.link ? (
        <div role="status">
          <CopyField label="Engagement link for the consultancy: copy it now, it is shown only once and is open for 14 days" value={done.link} />
        </div>
      ) : null}

      <h3 id="engagement-list-heading">Engagements</h3>
      {engagements.length === 0 ? (
        <p className="muted">No consultancy works for this organization.</p>
      ) : (
        <ScrollTable labelledBy="engagement-list-heading">
          <thead>
            <tr>
              <th scope="col">Consultancy</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {engagements.map((e) => (
              <tr key={e.id}>
                <th scope="row" data-label="Consultancy">
                  {e.consultancyName ?? <span className="muted">Not accepted yet</span>}
                </th>
                <td data-label="Role">{ROLE_LABELS[e.role]}</td>
                <td data-label="Status">
                  <span className={`badge engagement-${e.status}`}>{STATUS_LABELS[e.status]}</span>
                  {e.status === "ended" ? (
                    <span className="muted small">
                      {" "}
                      {when(e.endedAt)}
                      {e.endedByName ? ` by ${e.endedByName}` : ""}
                    </span>
                  ) : null}
                </td>
                <td data-label="Since">{when(e.startedAt ?? e.createdAt)}</td>
                <td data-label="Actions">
                  {isOwner && (e.status === "active" || e.status === "offered") ? (
                    <Form method="get" preventScrollReset>
                      <input type="hidden" name="end" value={e.id} />
                      <button
                        type="submit"
                        className="button button-small button-danger"
                        aria-label={e.status === "active" ? `End the engagement of ${e.consultancyName}` : "Withdraw the offer"}
                      >
                        {e.status === "active" ? "End engagement" : "Withdraw offer"}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

type Confirmation = Extract<NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["confirmation"]>, { ok: true }>;

/** The counts of what ending the engagement revokes, the keep box, and the confirming form. */
function EndConfirmation({ confirmation }: { confirmation: Confirmation }) {
  const { engagement, counts, keepableRespondentLinks } = confirmation;
  // An offer nobody accepted has no consultancy and nothing created through it.
  const consultancy = engagement.status === "active" ? engagement.consultancy : null;
  return (
    <RevocationConfirmation
      heading={consultancy ? r.endHeading(consultancy) : r.withdrawHeading}
      body={consultancy ? r.endByClient(consultancy, revocationList(counts)) : r.withdrawBody}
      keepable={keepableRespondentLinks}
      fields={{ intent: "end", engagementId: engagement.id }}
      confirmLabel={consultancy ? "End engagement" : "Withdraw offer"}
      cancelTo="?"
    />
  );
}
