import { Form } from "@remix-run/react";
import { FormMessage, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";

export interface TargetDimension {
  id: string;
  name: string;
  bestPractice: number;
  target: number | null;
}

/** The organization's target level per dimension, fixed once the assessment is closed. */
export function TargetProfileCard({ dimensions, closed, state }: { dimensions: TargetDimension[]; closed: boolean; state?: FormState }) {
  return (
    <section className="card" aria-labelledby="targets-heading">
      <h3 id="targets-heading">Target profile</h3>
      <p className="muted">Your organization's ambition per dimension. Leave a field at best practice to use it.</p>
      <FormMessage state={state} />
      <Form method="post">
        <input type="hidden" name="intent" value="targets" />
        <div className="target-grid">
          {dimensions.map((d) => (
            <SelectField
              key={`${d.id}-${d.target}`}
              label={d.name}
              name={`target.${d.id}`}
              defaultValue={String(d.target ?? d.bestPractice)}
              options={[1, 2, 3, 4, 5].map((l) => ({ value: String(l), label: l === d.bestPractice ? `${l} (best practice)` : String(l) }))}
              state={state}
              disabled={closed}
            />
          ))}
        </div>
        {!closed ? <SubmitButton intent="targets" pendingText="Saving…">Save targets</SubmitButton> : null}
      </Form>
    </section>
  );
}
