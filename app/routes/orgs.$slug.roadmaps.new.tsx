import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { nextMonday } from "#app/domain/dates.ts";
import { TEXT_LIMITS } from "#app/domain/input-limits.ts";
import { acceptRoadmapSchema } from "#app/domain/roadmap/item-forms.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { Field, FormMessage, SelectField, SubmitButton } from "#app/components/form.tsx";
import { UserError } from "#app/lib/errors.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { listOrganizationAssessments } from "#app/services/assessments.server.ts";
import { acceptRoadmap, checkGenerateInput, previewRoadmap, roadmapSources } from "#app/services/roadmap-plans.server.ts";

export const meta: MetaFunction = () => [{ title: "Generate a roadmap · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "roadmap.edit");
  const url = new URL(request.url);
  const closed = roadmapSources(await listOrganizationAssessments(membership));
  const assessmentId = url.searchParams.get("assessment") ?? closed[0]?.id ?? "";
  const values = { assessment: assessmentId, startDate: url.searchParams.get("startDate") ?? nextMonday(new Date()), capacity: url.searchParams.get("capacity") ?? "3" };
  const base = { slug: membership.organization.slug, assessments: closed.map((a) => ({ value: a.id, label: a.title })), values };
  if (!assessmentId) return { ...base, preview: null, error: null };
  try {
    const { plan, assessment, libraryTitle, dimensionNames } = await previewRoadmap(membership, assessmentId, checkGenerateInput(values));
    return { ...base, preview: { plan, libraryTitle, assessmentTitle: assessment.title, dimensionNames }, error: null };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return data({ ...base, preview: null, error: { message: error.message, fieldErrors: error.fieldErrors } }, { status: error.status });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "roadmap.edit");
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const input = checkGenerateInput({ startDate: String(formData.get("startDate") ?? ""), capacity: String(formData.get("capacity") ?? "") });
    const { title } = parseForm(acceptRoadmapSchema, formData);
    const roadmap = await acceptRoadmap(membership, String(formData.get("assessment") ?? ""), { ...input, title });
    return redirect(`/orgs/${membership.organization.slug}/roadmaps/${roadmap.id}`);
  });
}

export default function NewRoadmap() {
  const { slug, assessments, values, preview, error } = useLoaderData<typeof loader>();
  const accepted = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = error ? { ok: false, formError: error.message, fieldErrors: error.fieldErrors, values } : { values };
  const plan = preview?.plan;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="generate-heading">
        <h2 id="generate-heading">Generate a roadmap</h2>
        <p className="muted">
          The plan starts with the knowledge phase, then takes every dimension whose gap is at least half a level from its
          current level to its target, ordered by priority. Adjust the start and how many initiatives can run at once, then
          accept it.
        </p>
        {assessments.length === 0 ? (
          <p>Close a KAM maturity assessment first: the roadmap is generated from its results.</p>
        ) : (
          <Form method="get" className="inline-form">
            <SelectField label="From the results of" name="assessment" options={assessments} defaultValue={values.assessment} state={state} />
            <Field label="Start" name="startDate" type="date" defaultValue={values.startDate} state={state} />
            <Field label="Initiatives at once" name="capacity" type="number" min={1} max={10} defaultValue={values.capacity} state={state} />
            <div className="actions">
              <button type="submit" className="button button-secondary">
                {navigation.state === "loading" ? "Updating the preview…" : "Update the preview"}
              </button>
            </div>
          </Form>
        )}
        {error ? <FormMessage state={state} /> : null}
      </section>

      {plan ? (
        <section className="card" aria-labelledby="preview-heading" aria-busy={navigation.state === "loading"}>
          <h2 id="preview-heading">Preview</h2>
          <p>
            From <strong>{preview.assessmentTitle}</strong> with {preview.libraryTitle}: {plan.phases.reduce((n, p) => n + p.initiatives.length, 0)}{" "}
            initiatives from {plan.startDate} to {plan.endDate}.
          </p>
          {plan.notes.length > 0 ? (
            <div className="banner" role="note">
              <ul>
                {plan.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {plan.dimensions.length > 0 ? (
            <>
              <h3>Dimensions the plan works on</h3>
              <ol>
                {plan.dimensions.map((d) => (
                  <li key={d.id}>
                    {preview.dimensionNames[d.id]}: {d.score.toFixed(1)} → {d.target} (gap {d.gap.toFixed(1)}), levels {d.levels.join(", ")}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <p>No dimension has a gap of half a level or more: the plan holds the knowledge phase only.</p>
          )}
          {plan.phases.map((phase) => (
            <details key={phase.phase} open={phase.phase === "knowledge"}>
              <summary>
                {PHASE_LABELS[phase.phase]}: {phase.initiatives.length} initiatives, {phase.start} to {phase.end}
              </summary>
              <ul>
                {phase.initiatives.map((i) => (
                  <li key={i.id}>
                    <strong>{i.title}</strong> <span className="muted">({i.start} to {i.end}, {i.effortWeeks} weeks)</span>
                    <br />
                    <span className="small">{i.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
          <FormMessage state={accepted} />
          <Form method="post" className="inline-form">
            <input type="hidden" name="assessment" value={values.assessment} />
            <input type="hidden" name="startDate" value={values.startDate} />
            <input type="hidden" name="capacity" value={values.capacity} />
            <Field label="Roadmap title" name="title" defaultValue={`KAM transformation from ${preview.assessmentTitle}`} required maxLength={TEXT_LIMITS.roadmapTitle} state={accepted} />
            <div className="actions">
              <SubmitButton pendingText="Creating the roadmap…">Accept this plan</SubmitButton>
              <Link to={`/orgs/${slug}/roadmaps`}>Cancel</Link>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
