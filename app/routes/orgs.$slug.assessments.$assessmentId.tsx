import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MAX_RESPONDENTS_PER_PASTE, memberRespondentSchema, parseBulkRespondents, parseTargetProfile, reassessmentSchema, reassessmentTitle, respondentSchema } from "#app/domain/assessments.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { RESPONDENT_FUNCTION_LABELS, RESPONDENT_FUNCTIONS } from "#app/domain/respondents.ts";
import { can } from "#app/domain/permissions.ts";
import { CopyField } from "#app/components/copy-field.tsx";
import { Field, FormMessage, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";
import { InvitationsCard, InvitationTextCard, MailNowBox, ResponseRateTable } from "#app/components/assessment/invitations.tsx";
import { RespondentsTable } from "#app/components/assessment/respondents-table.tsx";
import { CampaignCard } from "#app/components/assessment/campaign.tsx";
import { TargetProfileCard } from "#app/components/assessment/target-profile.tsx";
import { ASSESSMENT_STATUS_LABELS, assessmentMessages as m } from "#app/messages/assessments.ts";
import { DEFAULT_INVITATION_TEMPLATE, invitationNotices, templateMessages } from "#app/messages/mail.ts";
import { campaignView } from "#app/domain/campaign-view.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { isMailConfigured } from "#app/lib/mail.server.ts";
import { dispatchForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import {
  closeAssessment,
  inviteRespondents,
  loadAssessmentPage,
  openAssessment,
  reopenAssessment,
  requireAssessment,
  startReassessment,
  updateTargetProfile,
} from "#app/services/assessments.server.ts";
import { countRespondentsInProgress, inviteMember, issueMissingLinks, renewRespondentLink } from "#app/services/assessment-respondents.server.ts";
import { previewInvitation, saveInvitationTemplate, sendInvitations } from "#app/services/assessment-invitations.server.ts";
import { invitationTemplateSchema } from "#app/domain/mail/invitation-template.ts";
import { remindNow, saveReminderPolicy } from "#app/services/campaign.server.ts";
import { reminderPolicySchema } from "#app/domain/reminders.ts";
import { campaignMessages } from "#app/messages/campaign.ts";
import { respondentLink } from "#app/services/campaign-mail.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Assessment"} · KAM Navigator` }];

const functionOptions = RESPONDENT_FUNCTIONS.map((f) => ({ value: f, label: RESPONDENT_FUNCTION_LABELS[f] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const { assessment, version, people, members, previous, next, missingLinks } = await loadAssessmentPage(membership, params.assessmentId ?? "");
  const memberRespondents = new Set(members.flatMap((member) => (member.respondentId ? [member.respondentId] : [])));
  const campaign = campaignView(
    people.map((p) => ({ ...p, hasLink: Boolean(p.hasLink) })),
    memberRespondents,
    assessment.status,
    membership.organization.minimumGroupSize,
  );
  return {
    slug: membership.organization.slug,
    id: assessment.id,
    title: assessment.title,
    status: assessment.status,
    questionnaire: `${textIn(version.title)} ${version.version}`,
    questionCount: version.questions.length,
    canManage: can(membership, "assessments.manage"),
    dimensions: version.dimensions.map((d) => ({
      id: d.id,
      name: textIn(d.name),
      bestPractice: d.target,
      target: assessment.targetProfile?.[d.id] ?? null,
    })),
    respondents: people.map((p) => ({
      id: p.id,
      name: p.name,
      function: RESPONDENT_FUNCTION_LABELS[p.function],
      hasLink: Boolean(p.hasLink),
      viaAccount: memberRespondents.has(p.id),
      // No count of answers per person: with the raw answers export it would tell whose row is whose.
      state: p.submittedAt ? "Submitted" : p.startedAt ? "In progress" : "Not started",
      ...campaign.perPerson.get(p.id)!,
    })),
    invitations: { ...campaign.invitations, slug: membership.organization.slug, mailConfigured: isMailConfigured(), canOutbox: can(membership, "mail.view") },
    rates: campaign.rates,
    minimumGroupSize: membership.organization.minimumGroupSize,
    invitationText: { template: assessment.invitationTemplate ?? DEFAULT_INVITATION_TEMPLATE, custom: assessment.invitationTemplate !== null },
    policy: {
      dueDate: assessment.dueDate,
      remindersEnabled: assessment.remindersEnabled,
      reminderLimit: assessment.reminderLimit,
      reminderGapDays: assessment.reminderGapDays,
      reminderDaysBeforeDue: assessment.reminderDaysBeforeDue,
      autoClose: assessment.autoClose,
      timeZone: membership.organization.timeZone,
    },
    inProgress: people.filter((p) => p.startedAt && !p.submittedAt).length,
    progress: { answers: people.reduce((sum, p) => sum + p.answered, 0), possible: people.length * version.questions.length },
    pasteLimit: MAX_RESPONDENTS_PER_PASTE,
    previous,
    reassessments: next,
    missingLinks: missingLinks.length,
    reassessmentTitle: reassessmentTitle(assessment.title),
    invitableMembers: members
      .filter((member) => member.respondentId === null)
      .map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` })),
  };
}

/** The add forms' "send the invitation by mail now" box. */
const byMail = (formData: FormData) => formData.get("mail") === "yes";

const stillAnswering = (count: number) => (count === 1 ? "1 still answering" : `${count} still answering`);

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "assessments.manage");
  const assessmentId = params.assessmentId ?? "";
  const { version } = await requireAssessment(membership, assessmentId);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  return dispatchForm(formData, {
    open: async () => {
      await openAssessment(membership, assessmentId);
      return { ok: true as const, intent, message: "The assessment is open: respondents can answer through their links." };
    },
    close: async () => {
      // Closing stops everyone still answering: say how many first, and close only once confirmed.
      const inProgress = formData.get("confirmed") === "yes" ? 0 : await countRespondentsInProgress(membership, assessmentId);
      if (inProgress > 0) return { ok: false as const, intent, confirmClose: inProgress };
      await closeAssessment(membership, assessmentId);
      return { ok: true as const, intent, message: "The assessment is closed and its results are stored." };
    },
    reopen: async () => {
      await reopenAssessment(membership, assessmentId);
      return { ok: true as const, intent, message: "The assessment is open again; submitted answers can be changed." };
    },
    add: async () => {
      const person = parseForm(respondentSchema, formData);
      const [created] = await inviteRespondents(membership, assessmentId, [person], { mail: byMail(formData) });
      if (created!.mailed) return { ok: true as const, intent, links: [], message: invitationNotices.queued(1, isMailConfigured()) };
      return { ok: true as const, intent, links: [{ name: person.name, link: respondentLink(created!.token) }] };
    },
    "add-member": async () => {
      const person = parseForm(memberRespondentSchema, formData);
      const respondent = await inviteMember(membership, assessmentId, person);
      return {
        ok: true as const,
        intent,
        message: `${respondent.name} answers from their own account: the assessment is listed under “Waiting for your answers” once it is open.`,
      };
    },
    reassess: async () => {
      const { title } = parseForm(reassessmentSchema, formData);
      const created = await startReassessment(membership, assessmentId, title);
      return redirect(`/orgs/${membership.organization.slug}/assessments/${created.id}`);
    },
    "issue-links": async () => {
      const issued = await issueMissingLinks(membership, assessmentId);
      return { ok: true as const, intent, links: issued.map((i) => ({ name: i.name, link: respondentLink(i.token) })) };
    },
    bulk: async () => {
      const { valid, invalid } = parseBulkRespondents(String(formData.get("lines") ?? ""));
      const lines = valid.length + invalid.length;
      if (lines > MAX_RESPONDENTS_PER_PASTE) throw new UserError(400, m.pasteTooLarge(MAX_RESPONDENTS_PER_PASTE, lines));
      const created = await inviteRespondents(membership, assessmentId, valid, { mail: byMail(formData) });
      const mailed = created.filter((c) => c.mailed).length;
      return {
        ok: true as const,
        intent,
        links: created.filter((c) => !c.mailed).map((c) => ({ name: c.respondent.name, link: respondentLink(c.token) })),
        message: mailed > 0 ? invitationNotices.queued(mailed, isMailConfigured()) : undefined,
        invalid,
      };
    },
    renew: async () => {
      const respondentId = String(formData.get("respondentId") ?? "");
      const token = await renewRespondentLink(membership, assessmentId, respondentId);
      const name = String(formData.get("name") ?? "the respondent");
      return { ok: true as const, intent, links: [{ name, link: respondentLink(token!) }], message: "The old link no longer works." };
    },
    "preview-invitation": async () => {
      const preview = await previewInvitation(membership, assessmentId, parseForm(invitationTemplateSchema, formData));
      return { ok: true as const, intent, preview };
    },
    "invitation-text": async () => {
      await saveInvitationTemplate(membership, assessmentId, parseForm(invitationTemplateSchema, formData));
      return { ok: true as const, intent, message: templateMessages.saved };
    },
    "invitation-text-default": async () => {
      await saveInvitationTemplate(membership, assessmentId, null);
      return { ok: true as const, intent, message: templateMessages.reset };
    },
    "send-invitations": async () => {
      const sent = await sendInvitations(membership, assessmentId);
      return { ok: true as const, intent, message: [invitationNotices.queued(sent.queued, isMailConfigured()), sent.resent > 0 ? invitationNotices.resent(sent.resent) : ""].join(" ").trim() };
    },
    "send-invitation": async () => {
      const sent = await sendInvitations(membership, assessmentId, [String(formData.get("respondentId") ?? "")]);
      return { ok: true as const, intent, message: sent.resent > 0 ? invitationNotices.resent(sent.resent) : invitationNotices.queued(sent.queued, isMailConfigured()) };
    },
    revoke: async () => {
      await renewRespondentLink(membership, assessmentId, String(formData.get("respondentId") ?? ""), false);
      return { ok: true as const, intent, message: "The link is revoked. Issue a new one to let this person answer again." };
    },
    reminders: async () => {
      await saveReminderPolicy(membership, assessmentId, parseForm(reminderPolicySchema, formData));
      return { ok: true as const, intent, message: campaignMessages.policySaved };
    },
    "remind-now": async () => {
      const count = await remindNow(membership, assessmentId);
      return { ok: true as const, intent, message: campaignMessages.remindersQueued(count) };
    },
    targets: async () => {
      const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
      const { profile, errors } = parseTargetProfile(version, values);
      if (Object.keys(errors).length > 0) throw new UserError(400, "Please correct the targets marked below.", errors);
      await updateTargetProfile(membership, assessmentId, profile);
      return { ok: true as const, intent, message: "Targets saved." };
    },
  });
}

export default function AssessmentPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed: FormState | undefined = result && "fieldErrors" in result ? result : undefined;
  const failedIntent = failed?.values?.intent;
  const message = result && "message" in result ? result.message : undefined;
  const links = result && "links" in result ? result.links : undefined;
  const invalid = result && "invalid" in result ? result.invalid : undefined;
  const confirmClose = result && "confirmClose" in result ? result.confirmClose : undefined;
  const stateFor = (intent: string) => (failedIntent === intent ? failed : undefined);
  // A successful add empties its form: a new key mounts it afresh (the first link is unique per add).
  const addedKey = result && "links" in result && (result.intent === "add" || result.intent === "bulk") ? (result.links[0]?.link ?? "none") : "form";
  // What the paste box holds next: the lines that were not added, or what was typed when the paste was refused.
  const bulkLines = stateFor("bulk")?.values?.lines ?? (invalid ?? []).map((line) => line.text).join("\n");

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            {data.questionnaire} · <span className={`badge badge-${data.status}`}>{ASSESSMENT_STATUS_LABELS[data.status]}</span>
          </p>
          <h2>{data.title}</h2>
          {data.previous ? (
            <p className="muted">
              Re-assessment of <Link to={`/orgs/${data.slug}/assessments/${data.previous.id}`}>{data.previous.title}</Link>
            </p>
          ) : null}
          {data.reassessments.length > 0 ? (
            <p className="muted">
              Repeated in{" "}
              {data.reassessments.map((r, i) => (
                <span key={r.id}>
                  {i > 0 ? ", " : null}
                  <Link to={`/orgs/${data.slug}/assessments/${r.id}`}>{r.title}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </div>
        <div className="actions">
          {data.status !== "draft" ? (
            <Link className="button button-secondary" to={`/orgs/${data.slug}/assessments/${data.id}/results`}>
              {data.status === "closed" ? "Results" : "Provisional results"}
            </Link>
          ) : null}
        {data.canManage ? (
          <Form method="post" className="actions">
            {data.status === "draft" ? (
              <SubmitButton intent="open" pendingText="Opening…">Open for answers</SubmitButton>
            ) : data.status === "open" ? (
              <SubmitButton intent="close" pendingText="Closing…">
                {data.inProgress > 0 ? `Close and store results (${stillAnswering(data.inProgress)})` : "Close and store results"}
              </SubmitButton>
            ) : (
              <SubmitButton intent="reopen" pendingText="Reopening…" className="button button-secondary">Reopen</SubmitButton>
            )}
          </Form>
        ) : null}
        </div>
      </div>
      <FormMessage state={failedIntent && !["add", "add-member", "targets", "reassess", "bulk", "reminders", "preview-invitation", "invitation-text"].includes(failedIntent) ? failed : undefined} success={message} />
      {confirmClose && data.status === "open" ? (
        <section className="card banner-error" role="alert" aria-labelledby="confirm-close-heading">
          <h3 id="confirm-close-heading">Close while {stillAnswering(confirmClose)}?</h3>
          <p>
            {confirmClose === 1 ? "One respondent has" : `${confirmClose} respondents have`} started but not submitted. Their answers so far
            count in the results; anything they answer after the close is not recorded, and they are told so.
          </p>
          <Form method="post" className="actions">
            <input type="hidden" name="confirmed" value="yes" />
            <SubmitButton intent="close" pendingText="Closing…">Close now</SubmitButton>
            <Link className="button button-secondary" to={`/orgs/${data.slug}/assessments/${data.id}`}>
              Keep it open
            </Link>
          </Form>
        </section>
      ) : null}
      {data.canManage && data.status !== "closed" && data.missingLinks > 0 && !links ? (
        <section className="card" aria-labelledby="missing-links-heading">
          <h3 id="missing-links-heading">
            {data.missingLinks === 1 ? "1 respondent has" : `${data.missingLinks} respondents have`} no personal link yet
          </h3>
          <p className="muted">
            Create the links when you are ready to send them: each is shown once. Members answer from their own account and need none.
          </p>
          <Form method="post">
            <SubmitButton intent="issue-links" pendingText="Creating links…">Create the missing links</SubmitButton>
          </Form>
        </section>
      ) : null}
      {links && links.length > 0 ? (
        <section className="card" aria-labelledby="links-heading">
          <h3 id="links-heading">Personal answer links</h3>
          <p className="muted">Each link is shown once. Send it to the person it names; it needs no account.</p>
          {links.map((l) => (
            <CopyField key={l.link} label={`Link for ${l.name}`} value={l.link} />
          ))}
        </section>
      ) : null}
      {invalid && invalid.length > 0 ? (
        <div className="banner banner-error" role="alert">
          <p>These lines were not added:</p>
          <ul>
            {invalid.map((line) => (
              <li key={line.line}>
                Line {line.line} (“{line.text}”): {line.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="card" aria-labelledby="respondents-heading">
        <h3 id="respondents-heading">Respondents ({data.respondents.length})</h3>
        {data.respondents.length > 0 ? (
          <p>
            <progress max={data.progress.possible} value={data.progress.answers} aria-label={`${data.progress.answers} of ${data.progress.possible} answers given`} />{" "}
            {data.progress.answers} of {data.progress.possible} answers given in all. Each person&apos;s own count is not shown, so that the raw answers cannot be matched to names.
          </p>
        ) : null}
        {data.respondents.length === 0 ? (
          <p className="muted">No respondents yet. Add people from every function that works with key accounts.</p>
        ) : (
          <RespondentsTable respondents={data.respondents} canManage={data.canManage} />
        )}
      </section>

      {data.canManage && data.status === "open" ? <InvitationsCard summary={data.invitations} /> : null}
      <ResponseRateTable rates={data.rates} minimumGroupSize={data.minimumGroupSize} />

      {data.canManage && data.status !== "closed" ? (
        <div className="grid">
          <section className="card" aria-labelledby="add-heading">
            <h3 id="add-heading">Add a respondent</h3>
            <FormMessage state={stateFor("add")} />
            <Form method="post" noValidate key={addedKey}>
              <input type="hidden" name="intent" value="add" />
              <Field label="Name" name="name" required state={stateFor("add")} />
              <Field label="Email (optional)" name="email" type="email" state={stateFor("add")} />
              <SelectField label="Function" name="function" options={functionOptions} placeholder="Choose a function" state={stateFor("add")} />
              {data.status === "open" ? <MailNowBox /> : null}
              <SubmitButton intent="add" pendingText="Adding…">Add and create link</SubmitButton>
            </Form>
          </section>
          <section className="card" aria-labelledby="member-heading">
            <h3 id="member-heading">Add a member</h3>
            <p className="muted">A member of the organization answers from their own account; no link is needed.</p>
            <FormMessage state={stateFor("add-member")} />
            {data.invitableMembers.length === 0 ? (
              <p>Every member of the organization is already a respondent.</p>
            ) : (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="add-member" />
                <SelectField label="Member" name="userId" options={data.invitableMembers} placeholder="Choose a member" state={stateFor("add-member")} />
                <SelectField label="Their function" name="function" options={functionOptions} placeholder="Choose a function" state={stateFor("add-member")} />
                <SubmitButton intent="add-member" pendingText="Adding…">Add member</SubmitButton>
              </Form>
            )}
          </section>
          <section className="card" aria-labelledby="bulk-heading">
            <h3 id="bulk-heading">Add many</h3>
            <FormMessage state={stateFor("bulk")} />
            <Form method="post" key={addedKey}>
              <div className="field">
                <label htmlFor="bulk-lines">One person per line: name, email, function</label>
                <p className="hint" id="bulk-hint">
                  For example: Ada Lind, ada@example.com, Sales. Functions: {functionOptions.map((f) => f.label).join(", ")}. At most{" "}
                  {data.pasteLimit.toLocaleString("en")} people per paste; each email once per assessment.
                </p>
                <textarea id="bulk-lines" name="lines" rows={6} aria-describedby="bulk-hint" defaultValue={bulkLines} />
              </div>
              {data.status === "open" ? <MailNowBox /> : null}
              <SubmitButton intent="bulk" pendingText="Adding…">Add all</SubmitButton>
            </Form>
          </section>
        </div>
      ) : null}

      {data.canManage && data.status === "closed" ? (
        <section className="card" aria-labelledby="reassess-heading">
          <h3 id="reassess-heading">Re-assessment</h3>
          <p className="muted">
            Measure again to see what changed: a new draft with the newest published version of this questionnaire, the same
            target profile and the same respondents. Link respondents get new links; members answer from their account.
          </p>
          <FormMessage state={stateFor("reassess")} />
          <Form method="post" noValidate>
            <Field label="Title of the re-assessment" name="title" defaultValue={data.reassessmentTitle} required state={stateFor("reassess")} />
            <SubmitButton intent="reassess" pendingText="Starting…">Start re-assessment</SubmitButton>
          </Form>
        </section>
      ) : null}

      {data.canManage && data.status !== "closed" ? (
        <InvitationTextCard
          {...data.invitationText}
          preview={result && "preview" in result ? result.preview : undefined}
          state={stateFor("preview-invitation") ?? stateFor("invitation-text")}
        />
      ) : null}
      {data.canManage && data.status !== "closed" ? (
        <CampaignCard policy={data.policy} remindable={data.invitations.remindable} open={data.status === "open"} state={stateFor("reminders")} />
      ) : null}
      {data.canManage ? <TargetProfileCard dimensions={data.dimensions} closed={data.status === "closed"} state={stateFor("targets")} /> : null}
    </div>
  );
}
