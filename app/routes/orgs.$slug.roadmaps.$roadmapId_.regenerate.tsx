import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { ITEM_STATUS_LABELS } from "#app/domain/roadmap/tracking.ts";
import { FormMessage, SubmitButton } from "#app/components/form.tsx";
import { UserError } from "#app/lib/errors.server.ts";
import { handleForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { requireRoadmap } from "#app/services/roadmap-access.server.ts";
import { acceptRegeneration, loadRegeneration, regenerationCandidate } from "#app/services/roadmap-loop.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Regenerate ${data && "roadmap" in data ? data.roadmap.title : "the roadmap"} · KAM Navigator` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "roadmap.edit");
  const roadmapId = params.roadmapId ?? "";
  const roadmap = await requireRoadmap(membership, roadmapId);
  const base = { slug: membership.organization.slug, roadmap: { id: roadmap.id, title: roadmap.title } };
  const assessmentId = new URL(request.url).searchParams.get("assessment") ?? (await regenerationCandidate(membership, roadmapId))?.id;
  if (!assessmentId) return { ...base, preview: null, error: "No assessment was closed after the one this roadmap comes from. Run a re-assessment first." };
  try {
    return { ...base, preview: await loadRegeneration(membership, roadmapId, assessmentId), error: null };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return data({ ...base, preview: null, error: error.message }, { status: error.status });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "roadmap.edit");
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const diff = await acceptRegeneration(membership, params.roadmapId ?? "", String(formData.get("assessment") ?? ""));
    const query = new URLSearchParams({ regenerated: `${diff.added.length}-${diff.noLongerNeeded.length}` });
    return redirect(`/orgs/${membership.organization.slug}/roadmaps/${params.roadmapId}?${query}`);
  });
}

export default function RegenerateRoadmap() {
  const { slug, roadmap, preview, error } = useLoaderData<typeof loader>();
  const accepted = useActionData<typeof action>();
  const back = `/orgs/${slug}/roadmaps/${roadmap.id}`;
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={back}>{roadmap.title}</Link>
          </p>
          <h2>{preview ? `Regenerate from ${preview.assessment.title}` : "Regenerate the roadmap"}</h2>
        </div>
      </div>
      {error ? (
        <div className="card">
          <p className="banner banner-error" role="alert">
            {error}
          </p>
          <p>
            <Link to={back}>Back to the roadmap</Link>
          </p>
        </div>
      ) : null}
      {preview ? (
        <>
          <section className="card" aria-labelledby="what-heading">
            <h3 id="what-heading">What changes</h3>
            <p>
              The plan is generated again from <strong>{preview.assessment.title}</strong>
              {preview.assessment.closedAt ? `, closed ${preview.assessment.closedAt}` : ""}, and compared with the roadmap initiative by initiative.
              Accepting adds the new initiatives and marks those whose gap has closed as no longer needed. Nothing else changes: every status, owner, date,
              evidence note, comment, ticked gate and custom item stays as it is.
            </p>
            <ul className="plain-list diff-summary">
              <li>
                <strong>{preview.added.length}</strong> to add
              </li>
              <li>
                <strong>{preview.noLongerNeeded.length}</strong> no longer needed
              </li>
              <li>
                <strong>{preview.unchanged.length}</strong> unchanged
              </li>
              {preview.custom.length > 0 ? (
                <li>
                  <strong>{preview.custom.length}</strong> custom, kept
                </li>
              ) : null}
            </ul>
          </section>

          <section className="card" aria-labelledby="added-heading">
            <h3 id="added-heading">Added: a new or wider gap ({preview.added.length})</h3>
            {preview.added.length === 0 ? (
              <p className="muted">No new initiatives: no dimension has a new or wider gap.</p>
            ) : (
              <ul className="diff-list">
                {preview.added.map((i) => (
                  <li key={i.key}>
                    <strong>{i.title}</strong>{" "}
                    <span className="muted small">
                      {PHASE_LABELS[i.phase]} · {i.start} to {i.end} · {i.milestones} milestones
                    </span>
                    <br />
                    <span className="small">{i.reason}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="closed-heading">
            <h3 id="closed-heading">No longer needed: the gap closed ({preview.noLongerNeeded.length})</h3>
            {preview.noLongerNeeded.length === 0 ? (
              <p className="muted">Every initiative still serves a gap.</p>
            ) : (
              <>
                <p className="muted small">These stay on the roadmap with their history, marked “no longer needed”, and no longer count towards progress.</p>
                <ul className="diff-list">
                  {preview.noLongerNeeded.map((i) => (
                    <li key={i.id}>
                      <strong>{i.title}</strong>{" "}
                      <span className="muted small">
                        {PHASE_LABELS[i.phase]} · {ITEM_STATUS_LABELS[i.status]}
                        {i.alreadyFlagged ? " · already marked" : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section className="card" aria-labelledby="unchanged-heading">
            <h3 id="unchanged-heading">Unchanged ({preview.unchanged.length})</h3>
            <details>
              <summary>Show the initiatives that stay as they are</summary>
              <ul className="diff-list">
                {preview.unchanged.map((i) => (
                  <li key={i.id}>
                    {i.title}{" "}
                    <span className="muted small">
                      {PHASE_LABELS[i.phase]} · {ITEM_STATUS_LABELS[i.status]}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          </section>

          <FormMessage state={accepted} />
          <Form method="post" className="actions">
            <input type="hidden" name="assessment" value={preview.assessment.id} />
            <SubmitButton pendingText="Regenerating…">Accept</SubmitButton>
            <Link to={back}>Cancel</Link>
          </Form>
        </>
      ) : null}
    </div>
  );
}
