import { Form, Link } from "@remix-run/react";
import { Field, FormMessage, SubmitButton, type FormState } from "#app/components/form.tsx";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import type { FunctionRate } from "#app/domain/response-rate.ts";
import { RESPONDENT_FUNCTION_LABELS } from "#app/domain/respondents.ts";
import { mailMessages } from "#app/messages/mail.ts";

export interface InvitationSummary {
  slug: string;
  mailConfigured: boolean;
  canOutbox: boolean;
  /** Link respondents with an email who have not submitted: who mail can reach. */
  withEmail: number;
  /** Of those, who has not been invited by mail yet. */
  notInvited: number;
  /** Of those, how many have a link that was shown on this page and would be replaced. */
  shownLinks: number;
  bounced: number;
}

/** "Send invitations": everyone with an email who has not been invited by mail, with what it will do. */
export function InvitationsCard({ summary }: { summary: InvitationSummary }) {
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h3 id="invite-heading">Invite by mail</h3>
      {!summary.mailConfigured ? (
        <p className="banner" role="note">
          {mailMessages.notConfigured}{" "}
          {summary.canOutbox ? <Link to={`/orgs/${summary.slug}/outbox`}>Open the Outbox</Link> : null}
        </p>
      ) : null}
      {summary.notInvited === 0 ? (
        <p className="muted">
          {summary.withEmail === 0
            ? "Nobody to invite yet: add people with their email below, and tick “Send the invitation by mail now”."
            : "Everyone with an email has been invited by mail. Send one person their invitation again from the list."}
        </p>
      ) : (
        <>
          <p>
            {summary.notInvited === 1 ? "1 person with an email has" : `${summary.notInvited} people with an email have`} not been invited by mail yet.
            {summary.shownLinks > 0
              ? ` ${summary.shownLinks === 1 ? "One of them has a link" : `${summary.shownLinks} of them have links`} shown on this page before: the mail carries a new link and the shown one stops working.`
              : null}
          </p>
          <Form method="post">
            <SubmitButton intent="send-invitations" pendingText="Sending…">
              {summary.notInvited === 1 ? "Send 1 invitation" : `Send ${summary.notInvited} invitations`}
            </SubmitButton>
          </Form>
        </>
      )}
      {summary.bounced > 0 ? (
        <p className="banner banner-error" role="status">
          {summary.bounced === 1 ? "1 invitation was" : `${summary.bounced} invitations were`} refused by the recipient&apos;s mail server. Check the
          address, then send it again from the list.
        </p>
      ) : null}
    </section>
  );
}

/** Invited, started and submitted per function, and what the results still need from each. */
export function ResponseRateTable({ rates, minimumGroupSize }: { rates: FunctionRate[]; minimumGroupSize: number }) {
  if (rates.length === 0) return null;
  return (
    <section className="card" aria-labelledby="rate-heading">
      <h3 id="rate-heading">Response rate by function</h3>
      <p className="muted">A function&apos;s figures appear in the results once at least {minimumGroupSize} of its people have submitted.</p>
      <ScrollTable labelledBy="rate-heading">
        <thead>
          <tr>
            <th scope="col">Function</th>
            <th scope="col">People</th>
            <th scope="col">Invited</th>
            <th scope="col">Started</th>
            <th scope="col">Submitted</th>
            <th scope="col">In the results</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((rate) => (
            <tr key={rate.function}>
              <th scope="row">{RESPONDENT_FUNCTION_LABELS[rate.function]}</th>
              <td data-label="People">{rate.people}</td>
              <td data-label="Invited">{rate.asked}</td>
              <td data-label="Started">{rate.started}</td>
              <td data-label="Submitted">
                <progress max={rate.people} value={rate.submitted} aria-hidden="true" /> {rate.submitted}
              </td>
              <td data-label="In the results">{rate.missingForResults === 0 ? "Yes" : `${rate.missingForResults} more needed`}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

/** On the add forms: mail each new person with an email their link, instead of showing it to copy. */
export function MailNowBox() {
  return (
    <div className="field">
      <label className="choice">
        <input type="checkbox" name="mail" value="yes" />
        <span>Send the invitation by mail now; links are shown only for people without an email</span>
      </label>
    </div>
  );
}

/** The invitation's own wording, with a preview before it is saved. */
export function InvitationTextCard({
  template,
  custom,
  preview,
  state,
}: {
  template: { subject: string; greeting: string; paragraph: string };
  custom: boolean;
  preview?: { subject: string; text: string };
  state?: FormState;
}) {
  return (
    <section className="card" aria-labelledby="invitation-text-heading">
      <h3 id="invitation-text-heading">Invitation text</h3>
      <p className="muted" id="placeholders-hint">
        {custom ? "This assessment's own text." : "The default text."} Placeholders: {"{name}"}, {"{organization}"}, {"{sender}"}, {"{dueDate}"} (empty without a due
        date) and {"{link}"}; the mail always adds the anonymity promise, the due date, the button with the personal link and a footer.
      </p>
      <FormMessage state={state} />
      <Form method="post" noValidate>
        <Field label="Subject" name="subject" defaultValue={template.subject} state={state} />
        <Field label="Greeting" name="greeting" defaultValue={template.greeting} state={state} />
        <div className="field">
          <label htmlFor="invitation-paragraph">Paragraph</label>
          <textarea id="invitation-paragraph" name="paragraph" rows={4} defaultValue={state?.values?.paragraph ?? template.paragraph} aria-invalid={state?.fieldErrors?.paragraph ? true : undefined} aria-describedby={state?.fieldErrors?.paragraph ? "invitation-paragraph-error" : undefined} />
          {state?.fieldErrors?.paragraph ? (
            <p className="field-error" id="invitation-paragraph-error">
              {state.fieldErrors.paragraph}
            </p>
          ) : null}
        </div>
        <div className="actions">
          <SubmitButton intent="preview-invitation" pendingText="Previewing…" className="button button-secondary">
            Preview
          </SubmitButton>
          <SubmitButton intent="invitation-text" pendingText="Saving…">Save invitation text</SubmitButton>
          {custom ? (
            <SubmitButton intent="invitation-text-default" pendingText="Resetting…" className="button button-secondary">
              Use the default text
            </SubmitButton>
          ) : null}
        </div>
      </Form>
      {preview ? (
        <div className="mail-preview" role="region" aria-label="Preview of the invitation">
          <p>
            <strong>Subject:</strong> {preview.subject}
          </p>
          <pre className="mail-text">{preview.text}</pre>
        </div>
      ) : null}
    </section>
  );
}
