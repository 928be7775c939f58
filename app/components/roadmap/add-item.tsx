import { Form } from "@remix-run/react";
import { TEXT_LIMITS } from "#app/domain/input-limits.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { PHASES, type Phase } from "#app/domain/roadmap/phases.ts";
import { Field, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";

interface Item {
  id: string;
  key: string;
  kind: "initiative" | "milestone";
  phase: Phase;
  title: string;
}

/**
 * The program lead's own initiative or milestone: a milestone when an initiative is chosen
 * (it then takes that initiative's phase), otherwise an initiative of the chosen phase.
 */
export function AddRoadmapItem({ items, startDate, state }: { items: readonly Item[]; startDate: string; state?: FormState }) {
  const failed = state?.values?.intent === "add" ? state : undefined;
  const initiatives = items.filter((i) => i.kind === "initiative");
  const depsError = failed?.fieldErrors?.dependsOn;
  return (
    <section className="card add-item" aria-labelledby="add-item-heading">
      <h3 id="add-item-heading">Add an item</h3>
      <details open={failed !== undefined}>
        <summary>Add an initiative of your own, or a milestone to an existing initiative</summary>
        <Form method="post">
          <input type="hidden" name="intent" value="add" />
          <Field label="Title" name="title" state={failed} required maxLength={TEXT_LIMITS.itemTitle} />
          <Field label="Description" name="description" state={failed} hint="For a milestone: what shows it is reached." maxLength={TEXT_LIMITS.itemDescription} />
          <SelectField label="Phase" name="phase" state={failed} defaultValue="design" options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))} />
          <SelectField
            label="Part of initiative"
            name="parentId"
            state={failed}
            defaultValue=""
            options={[{ value: "", label: "None: a new initiative" }, ...initiatives.map((i) => ({ value: i.id, label: `${i.title} (${PHASE_LABELS[i.phase]})` }))]}
          />
          <Field label="Due date" name="dueDate" type="date" state={failed} hint={`Optional; not before the roadmap starts (${startDate}).`} />
          <details>
            <summary>Depends on (optional)</summary>
            <fieldset className="checkbox-list" aria-describedby={depsError ? "add-deps-error" : undefined}>
              <legend>It can start once these are done</legend>
              {items.map((i) => (
                <label key={i.id} className="choice-small">
                  <input type="checkbox" name="dependsOn" value={i.key} /> {i.title}
                  <span className="muted small"> · {i.kind === "milestone" ? "milestone" : PHASE_LABELS[i.phase]}</span>
                </label>
              ))}
            </fieldset>
          </details>
          {depsError ? (
            <p className="field-error" id="add-deps-error">
              {depsError}
            </p>
          ) : null}
          <SubmitButton pendingText="Adding…">
            Add the item
          </SubmitButton>
        </Form>
      </details>
    </section>
  );
}
