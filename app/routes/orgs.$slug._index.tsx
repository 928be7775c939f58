import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "#app/domain/permissions.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { ASSESSMENT_STATUS_LABELS } from "#app/messages/assessments.ts";
import { loadOverviewAssessments } from "#app/services/assessment-results.server.ts";
import { listOrganizationMembers } from "#app/services/organizations.server.ts";
import { WaitingForAnswers } from "#app/components/waiting-answers.tsx";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { DASHBOARD_DAYS } from "#app/domain/roadmap/loop.ts";
import { loadRoadmapDashboard } from "#app/services/roadmap-dashboard.server.ts";
import { roadmapSources } from "#app/services/roadmap-plans.server.ts";
import { oneDecimal } from "#app/domain/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organization"} · KAM Navigator` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const overview = loadOverviewAssessments(membership);
  const [members, { assessments, readiness, waiting }, roadmap] = await Promise.all([
    listOrganizationMembers(membership),
    overview,
    loadRoadmapDashboard(membership, new Date(), overview.then((o) => o.assessments)),
  ]);
  const { organization } = membership;
  return {
    organization: {
      name: organization.name,
      slug: organization.slug,
      industry: organization.industry,
      sizeBand: organization.sizeBand,
      region: organization.region,
    },
    memberCount: members.length,
    canInvite: can(membership, "members.manage"),
    canStart: can(membership, "assessments.manage"),
    assessments: assessments.slice(0, 5).map((a) => ({ id: a.id, title: a.title, status: a.status, submitted: a.submittedCount, invited: a.respondentCount })),
    readiness,
    waiting,
    roadmap,
    hasClosed: roadmapSources(assessments).length > 0,
  };
}

export default function OrganizationOverview() {
  const { organization, memberCount, canInvite, canStart, assessments, readiness, waiting, roadmap, hasClosed } = useLoaderData<typeof loader>();
  return (
    <div className="grid">
      {waiting.length > 0 ? <WaitingForAnswers items={waiting} showOrganization={false} /> : null}
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <dl className="facts">
          <dt>Industry</dt>
          <dd>{organization.industry}</dd>
          <dt>Size</dt>
          <dd>{organization.sizeBand} employees</dd>
          <dt>Region</dt>
          <dd>{organization.region}</dd>
          <dt>Members</dt>
          <dd>{memberCount}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="assessments-heading">
        <h2 id="assessments-heading">Assessments</h2>
        {assessments.length === 0 ? (
          <>
            <p>
              No assessment yet. Assessments measure your KAM maturity with answers from sales, key account management,
              service, product, finance and leadership.
            </p>
            {canStart ? (
              <p>
                <Link to={`/orgs/${organization.slug}/assessments/new`}>Start an assessment</Link>
                {canInvite ? (
                  <>
                    {" "}or <Link to={`/orgs/${organization.slug}/members`}>invite the colleagues who will run the program</Link>
                  </>
                ) : null}
                .
              </p>
            ) : null}
          </>
        ) : (
          <ul className="plain-list">
            {assessments.map((a) => (
              <li key={a.id}>
                <Link to={`/orgs/${organization.slug}/assessments/${a.id}`}>{a.title}</Link>{" "}
                <span className={`badge badge-${a.status}`}>{ASSESSMENT_STATUS_LABELS[a.status]}</span>{" "}
                <span className="muted small">
                  {a.submitted} of {a.invited} submitted
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <RoadmapCard slug={organization.slug} roadmap={roadmap} canStart={canStart} hasClosed={hasClosed} />
      {readiness ? (
        <section className="card" aria-labelledby="readiness-heading">
          <h2 id="readiness-heading">KAM readiness: {readiness.label}</h2>
          <p>{readiness.explanation}</p>
          <p className="muted small">From “{readiness.title}”.</p>
        </section>
      ) : null}
    </div>
  );
}

type Dashboard = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["roadmap"]>;


function ItemLines({ items, base, empty, show }: { items: Dashboard["dueSoon"]; base: string; empty: string; show: (i: Dashboard["dueSoon"][number]) => string }) {
  if (items.length === 0) return <p className="muted small">{empty}</p>;
  return (
    <ul className="plain-list">
      {items.slice(0, 5).map((i) => (
        <li key={i.id}>
          <Link to={`${base}/items/${i.id}`}>{i.title}</Link> <span className="muted small">{show(i)}</span>
        </li>
      ))}
      {items.length > 5 ? (
        <li className="small">
          <Link to={`${base}?view=list`}>and {items.length - 5} more</Link>
        </li>
      ) : null}
    </ul>
  );
}

/** The current roadmap at a glance: phase, what is due soon, overdue and blocked, projected vs measured index. */
function RoadmapCard({ slug, roadmap, canStart, hasClosed }: { slug: string; roadmap: Dashboard | null; canStart: boolean; hasClosed: boolean }) {
  if (!roadmap) {
    return (
      <section className="card" aria-labelledby="roadmap-heading">
        <h2 id="roadmap-heading">Roadmap</h2>
        <p>
          No roadmap yet.{" "}
          {hasClosed
            ? "A roadmap turns a closed assessment's gaps into phases, initiatives and milestones."
            : "Close a KAM maturity assessment first: the roadmap is generated from its results."}
        </p>
        {canStart && hasClosed ? (
          <p>
            <Link to={`/orgs/${slug}/roadmaps/new`}>Generate a roadmap</Link>
          </p>
        ) : null}
      </section>
    );
  }
  const base = `/orgs/${slug}/roadmaps/${roadmap.roadmap.id}`;
  const { index } = roadmap;
  return (
    <section className="card roadmap-card" aria-labelledby="roadmap-heading">
      <h2 id="roadmap-heading">
        Roadmap: <Link to={base}>{roadmap.roadmap.title}</Link>
      </h2>
      <dl className="facts">
        <dt>Current phase</dt>
        <dd>{roadmap.currentPhase ? PHASE_LABELS[roadmap.currentPhase] : "All gates passed"}</dd>
        <dt>Milestones done</dt>
        <dd>
          {roadmap.progress.done} of {roadmap.progress.total}
        </dd>
        <dt>Maturity index</dt>
        <dd>
          {index ? (
            <>
              measured {oneDecimal(index.measured, "–")} (from {oneDecimal(index.baseline, "–")} at the start) · projected {oneDecimal(index.projected, "–")}
            </>
          ) : (
            "–"
          )}
        </dd>
      </dl>
      {roadmap.regenerateFrom && canStart ? (
        <p className="small">
          “{roadmap.regenerateFrom.title}” is closed: <Link to={`${base}/regenerate?assessment=${roadmap.regenerateFrom.id}`}>regenerate the roadmap from it</Link>.
        </p>
      ) : null}
      <h3>Due in the next {DASHBOARD_DAYS} days ({roadmap.dueSoon.length})</h3>
      <ItemLines items={roadmap.dueSoon} base={base} empty="Nothing due in the next two weeks." show={(i) => `due ${i.dueDate}${i.owner ? ` · ${i.owner}` : ""}`} />
      <h3>Overdue ({roadmap.overdue.length})</h3>
      <ItemLines items={roadmap.overdue} base={base} empty="Nothing is overdue." show={(i) => `was due ${i.dueDate}${i.owner ? ` · ${i.owner}` : ""}`} />
      <h3>Blocked ({roadmap.blocked.length})</h3>
      <ItemLines items={roadmap.blocked} base={base} empty="Nothing is blocked." show={(i) => i.blockedReason ?? ""} />
    </section>
  );
}
