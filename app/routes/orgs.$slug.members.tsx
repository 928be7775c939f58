import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { changeRoleSchema, inviteMemberSchema, removeMemberSchema, revokeInvitationSchema, roleSchema } from "#app/domain/organizations.ts";
import { can, roleAllows } from "#app/domain/permissions.ts";
import { DEFAULT_INVITED_ROLE, grantableRoles } from "#app/domain/membership-rules.ts";
import { ROLE_LABELS, ROLES, type Role } from "#app/domain/roles.ts";
import { CopyField } from "#app/components/copy-field.tsx";
import { FormMessage, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";
import { RevocationConfirmation } from "#app/components/revocation-confirmation.tsx";
import { orgMessages } from "#app/messages/organizations.ts";
import { revocationList, revocationMessages as r } from "#app/messages/revocation.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { publicUrl } from "#app/lib/env.server.ts";
import { dispatchForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership, type Membership } from "#app/services/access.server.ts";
import {
  createInvitation,
  listOrganizationInvitations,
  revokeOrganizationInvitation,
} from "#app/services/invitations.server.ts";
import { describeAuditEntry } from "#app/messages/audit.ts";
import {
  changeMemberRole,
  listOrganizationActivity,
  listOrganizationMembers,
  previewMembershipChange,
  removeMember,
} from "#app/services/organizations.server.ts";
import { formatDate, formatDateTime } from "#app/domain/format.ts";

export const meta: MetaFunction = () => [{ title: "Members · KAM Navigator" }];

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/**
 * The confirmation asked for by the query: `?remove=<user id>`, `?change=<user id>&role=<role>`
 * or `?leave`, with what the change would revoke; a refusal is its message and status.
 */
async function confirmationFor(membership: Membership, query: URLSearchParams) {
  const remove = query.get("remove");
  const change = query.get("change");
  if (remove === null && change === null && !query.has("leave")) return undefined;
  try {
    let newRole: Role | null = null;
    if (change !== null) {
      const parsed = roleSchema.safeParse(query.get("role"));
      if (!parsed.success) throw new UserError(400, orgMessages.roleInvalid);
      newRole = parsed.data;
    }
    const target = remove ?? change ?? membership.user.id;
    const preview = await previewMembershipChange(membership, target, newRole);
    return { ok: true as const, ...preview };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ok: false as const, status: error.status, message: error.message };
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  // Consultants see the client's members but manage none of them (ADR 0016).
  const consultant = Boolean(membership.engagement);
  const canManage = can(membership, "members.manage");
  const showActivity = can(membership, "activity.view");
  const [members, invitations, activity, confirmation] = await Promise.all([
    listOrganizationMembers(membership),
    canManage ? listOrganizationInvitations(membership) : Promise.resolve([]),
    showActivity ? listOrganizationActivity(membership) : Promise.resolve([]),
    confirmationFor(membership, new URL(request.url).searchParams),
  ]);
  const body = {
    me: membership.user.id,
    role: membership.role,
    canManage,
    consultant,
    // A consultant whose role would let a member manage members is told why they cannot.
    consultantWouldManage: consultant && roleAllows(membership.role, "members.manage"),
    grantable: grantableRoles(membership.role),
    showActivity,
    organization: { name: membership.organization.name, kind: membership.organization.kind },
    confirmation,
    members,
    invitations: invitations.map(({ id, role, state, expiresAt, usedByName }) => ({
      id,
      role,
      state,
      expiresAt: expiresAt.toISOString(),
      usedByName,
    })),
    activity: activity.map((entry) => ({
      id: entry.id,
      at: entry.createdAt.toISOString(),
      sentence: describeAuditEntry(entry),
    })),
  };
  return confirmation && !confirmation.ok ? data(body, { status: confirmation.status }) : body;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  // Any member may leave; the services ask the permission table for the rest (members.manage),
  // inside the form's handling, so a refusal is shown beside the form.
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  return dispatchForm(formData, {
    leave: async () => {
      await removeMember(membership, membership.user.id);
      return redirect("/orgs");
    },
    invite: async () => {
      const { role } = parseForm(inviteMemberSchema, formData);
      const { token } = await createInvitation(membership, role);
      const link = publicUrl(`/invite/${token}`);
      return { ok: true as const, intent: "invite" as const, link, role };
    },
    revoke: async () => {
      const { invitationId } = parseForm(revokeInvitationSchema, formData);
      await revokeOrganizationInvitation(membership, invitationId);
      return { ok: true as const, intent: "revoke" as const, message: "The invitation is revoked; its link no longer works." };
    },
    role: async () => {
      const { userId, role, confirmed, keepStartedLinks } = parseForm(changeRoleSchema, formData);
      // A demotion that would revoke something asks first, on the confirmation step.
      if (!confirmed) {
        const preview = await previewMembershipChange(membership, userId, role);
        if (preview.counts && revocationList(preview.counts)) {
          return redirect(`/orgs/${membership.organization.slug}/members?${new URLSearchParams({ change: userId, role })}#confirm`);
        }
      }
      const revoked = await changeMemberRole(membership, userId, role, { keepStartedLinks: Boolean(keepStartedLinks) });
      return { ok: true as const, intent: "role" as const, message: r.roleChanged(ROLE_LABELS[role], revoked) };
    },
    remove: async () => {
      const { userId, keepStartedLinks } = parseForm(removeMemberSchema, formData);
      const { name, revoked } = await removeMember(membership, userId, { keepStartedLinks: Boolean(keepStartedLinks) });
      return { ok: true as const, intent: "remove" as const, message: r.removed(name, revoked) };
    },
  });
}

const INVITATION_STATE_LABELS = { valid: "Open", expired: "Expired", used: "Used", revoked: "Revoked" };

export default function Members() {
  const { me, canManage, consultant, consultantWouldManage, grantable: grantableRoles, showActivity, organization, confirmation, members, invitations, activity } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused: FormState | undefined = confirmation && !confirmation.ok ? { formError: confirmation.message } : undefined;
  const failed: FormState | undefined = result && "fieldErrors" in result ? result : refused;
  const success = result && "message" in result ? result.message : undefined;
  const newLink =
    result && "link" in result && result.link && result.role ? { link: result.link, role: result.role } : undefined;
  const grantable = (role: Role) => grantableRoles.includes(role);

  return (
    <div className="stack">
      <FormMessage state={failed} success={success} />
      {confirmation?.ok && !result ? <MembershipConfirmation confirmation={confirmation} organization={organization} /> : null}
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members ({members.length})</h2>
        <ScrollTable labelledBy="members-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                {canManage ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const editable = canManage && member.userId !== me && grantable(member.role);
                return (
                  <tr key={member.userId}>
                    <th scope="row">
                      {member.name}
                      {member.userId === me ? " (you)" : ""}
                    </th>
                    <td data-label="Email">{member.email}</td>
                    <td data-label="Role">{ROLE_LABELS[member.role]}</td>
                    {canManage ? (
                      <td data-label="Actions">
                        {editable ? (
                          <div className="row-actions">
                            <Form method="post" className="inline-form">
                              <input type="hidden" name="userId" value={member.userId} />
                              <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
                                Role of {member.name}
                              </label>
                              <select id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                                {roleOptions.filter((option) => grantable(option.value)).map((option) => (
                                  <option key={option.value} value={option.value}>
                                    {option.label}
                                  </option>
                                ))}
                              </select>
                              <SubmitButton intent="role" pendingText="Saving…" className="button button-small">
                                Change role
                              </SubmitButton>
                            </Form>
                            <Form method="get" className="inline-form" preventScrollReset>
                              <input type="hidden" name="remove" value={member.userId} />
                              <button type="submit" className="button button-small button-danger" aria-label={`Remove ${member.name}`}>
                                Remove
                              </button>
                            </Form>
                          </div>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </ScrollTable>
        {consultant ? null : (
          <Form method="get" className="leave-form">
            <input type="hidden" name="leave" value="" />
            <button type="submit" className="link-button danger">
              Leave this organization
            </button>
          </Form>
        )}
      </section>

      {consultantWouldManage ? (
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite people</h2>
          <p>{r.consultantsInvite}</p>
        </section>
      ) : null}

      {canManage ? (
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite people</h2>
          <p className="muted">
            Create a link and send it to one person. It works once and expires after 7 days.
          </p>
          <Form method="post" className="inline-form" noValidate>
            <SelectField
              label="Role for the new member"
              name="role"
              options={roleOptions.filter((option) => grantable(option.value))}
              defaultValue={DEFAULT_INVITED_ROLE}
              state={failed}
            />
            <SubmitButton intent="invite" pendingText="Creating link…">
              Create invitation link
            </SubmitButton>
          </Form>
          {newLink ? <CopyField label={`Invitation link (${ROLE_LABELS[newLink.role]})`} value={newLink.link} /> : null}

          <h3 id="invitations-heading">Invitations</h3>
          {invitations.length === 0 ? (
            <p className="muted">No invitations yet.</p>
          ) : (
            <ScrollTable labelledBy="invitations-heading">
                <thead>
                  <tr>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {invitations.map((invitation) => (
                    <tr key={invitation.id}>
                      <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
                      <td data-label="Status">
                        {INVITATION_STATE_LABELS[invitation.state]}
                        {invitation.usedByName ? ` by ${invitation.usedByName}` : ""}
                      </td>
                      <td data-label="Expires">
                        <time dateTime={invitation.expiresAt}>
                          {formatDate(invitation.expiresAt)}
                        </time>
                      </td>
                      <td data-label="Actions">
                        {invitation.state === "valid" ? (
                          <Form method="post">
                            <input type="hidden" name="invitationId" value={invitation.id} />
                            <button type="submit" name="intent" value="revoke" className="button button-small button-danger">
                              Revoke
                            </button>
                          </Form>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
          )}
        </section>
      ) : null}

      {showActivity ? (
        <section className="card" aria-labelledby="activity-heading">
          <h2 id="activity-heading">Recent activity</h2>
          {activity.length === 0 ? (
            <p className="muted">Nothing has happened yet.</p>
          ) : (
            <ol className="activity">
              {activity.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)} UTC</time> {entry.sentence}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </div>
  );
}

type Confirmation = Extract<NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["confirmation"]>, { ok: true }>;

/** Remove, leave or demote: the counts of what stops working first, then the confirming form. */
function MembershipConfirmation({ confirmation, organization }: { confirmation: Confirmation; organization: { name: string; kind: string } }) {
  const { member, newRole, leaving, counts, keepableRespondentLinks } = confirmation;
  const list = counts ? revocationList(counts) : null;
  const consultancy = organization.kind === "consultancy";
  if (leaving) {
    return (
      <RevocationConfirmation
        heading={r.leaveHeading(organization.name)}
        body={r.leave(list, consultancy)}
        keepable={0}
        fields={{ intent: "leave" }}
        confirmLabel={`Leave ${organization.name}`}
        cancelTo="?"
      />
    );
  }
  if (newRole) {
    return (
      <RevocationConfirmation
        heading={r.roleHeading(member.name, ROLE_LABELS[newRole])}
        body={list ? r.role(member.name, ROLE_LABELS[newRole], list) : `Nothing ${member.name} created stops working.`}
        keepable={keepableRespondentLinks}
        fields={{ intent: "role", userId: member.userId, role: newRole, confirmed: "yes" }}
        confirmLabel="Change role"
        cancelTo="?"
      />
    );
  }
  return (
    <RevocationConfirmation
      heading={r.removeHeading(member.name)}
      body={r.remove(member.name, list, consultancy)}
      keepable={keepableRespondentLinks}
      fields={{ intent: "remove", userId: member.userId }}
      confirmLabel={`Remove ${member.name}`}
      cancelTo="?"
    />
  );
}
