import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "#app/domain/permissions.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { listOrganizationAssessments } from "#app/services/assessments.server.ts";
import { listOrganizationRoadmaps, roadmapSources } from "#app/services/roadmap-plans.server.ts";

export const meta: MetaFunction = () => [{ title: "Roadmaps · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const [roadmaps, assessments] = await Promise.all([listOrganizationRoadmaps(membership), listOrganizationAssessments(membership)]);
  return {
    slug: membership.organization.slug,
    canManage: can(membership, "roadmap.edit"),
    roadmaps: roadmaps.map((r) => ({ id: r.id, title: r.title, startDate: r.startDate, createdAt: r.createdAt.toISOString() })),
    closed: roadmapSources(assessments).map((a) => ({ id: a.id, title: a.title })),
  };
}

export default function Roadmaps() {
  const { slug, canManage, roadmaps, closed } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="roadmaps-heading" className="stack">
      <div className="page-head">
        <h2 id="roadmaps-heading">Roadmaps</h2>
        {canManage && closed.length > 0 ? (
          <Link className="button" to={`/orgs/${slug}/roadmaps/new`}>
            Generate a roadmap
          </Link>
        ) : null}
      </div>
      {roadmaps.length === 0 ? (
        <div className="card empty">
          <h3>No roadmap yet</h3>
          <p>
            A roadmap turns an assessment's gaps into a plan in three phases: knowledge, design and implementation. Each
            initiative has milestones with the evidence that shows they are reached.
          </p>
          {closed.length === 0 ? <p className="muted">Close a KAM maturity assessment first; the roadmap is generated from its results.</p> : null}
        </div>
      ) : (
        <ul className="card-list">
          {roadmaps.map((r) => (
            <li key={r.id} className="card">
              <h3>
                <Link to={`/orgs/${slug}/roadmaps/${r.id}`}>{r.title}</Link>
              </h3>
              <p className="muted">Starts {r.startDate}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
