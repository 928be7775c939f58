import { Form } from "@remix-run/react";
import { Field, FormMessage, SubmitButton, type FormState } from "#app/components/form.tsx";
import type { ReminderPolicy } from "#app/domain/reminders.ts";

export type CampaignPolicy = ReminderPolicy & { timeZone: string };

/** The due date, the reminder policy and "Remind now" with the number it will send. */
export function CampaignCard({ policy, remindable, open, state }: { policy: CampaignPolicy; remindable: number; open: boolean; state?: FormState }) {
  const checked = (name: "remindersEnabled" | "autoClose") => (state?.values ? state.values[name] === "yes" : policy[name]);
  return (
    <section className="card" aria-labelledby="campaign-heading">
      <h3 id="campaign-heading">Deadline and reminders</h3>
      <p className="muted">
        Reminders go to people invited by mail who have not submitted, with a new personal link, on weekdays in the organization&apos;s time zone
        ({policy.timeZone}). Anyone can stop them from the mail.
      </p>
      <FormMessage state={state} />
      <Form method="post" noValidate key={JSON.stringify(policy)}>
        <input type="hidden" name="intent" value="reminders" />
        <Field label="Due date (optional)" name="dueDate" type="date" defaultValue={policy.dueDate ?? ""} state={state} />
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="remindersEnabled" value="yes" defaultChecked={checked("remindersEnabled")} />
            <span>Send reminders</span>
          </label>
        </div>
        <div className="target-grid">
          <Field label="At most, per person" name="reminderLimit" type="number" min={0} max={10} defaultValue={String(policy.reminderLimit)} state={state} />
          <Field label="Days between reminders" name="reminderGapDays" type="number" min={1} max={30} defaultValue={String(policy.reminderGapDays)} state={state} />
          <Field label="Last reminder, days before the due date" name="reminderDaysBeforeDue" type="number" min={0} max={14} defaultValue={String(policy.reminderDaysBeforeDue)} state={state} />
        </div>
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="autoClose" value="yes" defaultChecked={checked("autoClose")} />
            <span>Close by itself after the due date and mail the admins and program leads that the results are ready</span>
          </label>
        </div>
        <SubmitButton intent="reminders" pendingText="Saving…">Save deadline and reminders</SubmitButton>
      </Form>
      {open ? (
        <Form method="post" className="actions">
          <p>
            {remindable === 0
              ? "Nobody to remind now: everyone invited by mail has submitted or asked for no reminders."
              : `${remindable === 1 ? "1 person" : `${remindable} people`} invited by mail ${remindable === 1 ? "has" : "have"} not submitted.`}
          </p>
          {remindable > 0 ? (
            <SubmitButton intent="remind-now" pendingText="Reminding…" className="button button-secondary">
              {remindable === 1 ? "Remind 1 person now" : `Remind ${remindable} people now`}
            </SubmitButton>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}
