import { Form } from "@remix-run/react";
import { useId } from "react";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "#app/domain/roadmap/tracking.ts";
import { Field, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";
import type { ItemPageData } from "./item-page-data.ts";

export function EditForm({ data, state }: { data: ItemPageData; state?: FormState }) {
  const { item } = data;
  const reasonId = useId();
  const reasonError = state?.fieldErrors?.blockedReason;
  return (
    <section className="card" aria-labelledby="edit-heading">
      <h3 id="edit-heading">Owner, due date and status</h3>
      <Form method="post">
        <input type="hidden" name="intent" value="update" />
        <SelectField
          label="Owner"
          name="ownerId"
          state={state}
          defaultValue={item.ownerId ?? ""}
          options={[{ value: "", label: "No owner" }, ...data.members.map((mm) => ({ value: mm.id, label: mm.name }))]}
        />
        <Field label="Due date" name="dueDate" type="date" state={state} defaultValue={item.dueDate ?? ""} hint={`Not before the roadmap starts (${data.roadmap.startDate}).`} />
        <SelectField label="Status" name="status" state={state} defaultValue={item.status} options={ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] }))} />
        <div className="field">
          <label htmlFor={reasonId}>Blocked reason</label>
          <p className="hint" id={`${reasonId}-hint`}>
            Required when the status is Blocked: what blocks it and who can unblock it.
          </p>
          <textarea
            id={reasonId}
            name="blockedReason"
            rows={2}
            defaultValue={state?.values?.blockedReason ?? item.blockedReason ?? ""}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`${reasonId}-hint${reasonError ? ` ${reasonId}-error` : ""}`}
          />
          {reasonError ? (
            <p className="field-error" id={`${reasonId}-error`}>
              {reasonError}
            </p>
          ) : null}
        </div>
        <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
      </Form>
    </section>
  );
}

export function DependenciesForm({ data, state }: { data: ItemPageData; state?: FormState }) {
  const error = state?.fieldErrors?.dependsOn;
  return (
    <section className="card" aria-labelledby="deps-heading">
      <h3 id="deps-heading">Dependencies</h3>
      <Form method="post">
        <input type="hidden" name="intent" value="dependencies" />
        <fieldset className="checkbox-list" aria-describedby={error ? "deps-error" : undefined}>
          <legend>This item can start once these are done</legend>
          {data.candidates.map((c) => (
            <label key={c.id} className="choice-small">
              <input type="checkbox" name="dependsOn" value={c.key} defaultChecked={data.item.dependsOn.includes(c.key)} /> {c.title}
              <span className="muted small"> · {c.kind === "milestone" ? "milestone" : PHASE_LABELS[c.phase]}</span>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p className="field-error" id="deps-error">
            {error}
          </p>
        ) : null}
        <SubmitButton pendingText="Saving…" className="button button-secondary">
          Save dependencies
        </SubmitButton>
      </Form>
    </section>
  );
}

export function NoteForm({ state }: { state?: FormState }) {
  const bodyId = useId();
  const error = state?.fieldErrors?.body;
  return (
    <Form method="post" className="note-form">
      <input type="hidden" name="intent" value="note" />
      <fieldset className="inline-form">
        <legend>Kind of note</legend>
        <label>
          <input type="radio" name="kind" value="evidence" defaultChecked={(state?.values?.kind ?? "evidence") === "evidence"} /> Evidence
        </label>
        <label>
          <input type="radio" name="kind" value="comment" defaultChecked={state?.values?.kind === "comment"} /> Comment
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={bodyId}>Note text</label>
        <textarea
          id={bodyId}
          name="body"
          rows={3}
          defaultValue={state?.values?.body ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${bodyId}-error` : undefined}
        />
        {error ? (
          <p className="field-error" id={`${bodyId}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingText="Adding…" className="button button-secondary">
        Add note
      </SubmitButton>
    </Form>
  );
}
