import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { roleAtLeast } from "#app/domain/roles.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { ASSESSMENT_STATUS_LABELS } from "#app/messages/assessments.ts";
import { latestReadinessOutcome, listOrganizationAssessments } from "#app/services/assessments.server.ts";
import { listOrganizationMembers } from "#app/services/organizations.server.ts";
import { listWaitingAssessmentsIn } from "#app/services/respondents.server.ts";
import { WaitingForAnswers } from "#app/components/waiting-answers.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organization"} · KAM Navigator` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const [members, assessments, readiness, waiting] = await Promise.all([
    listOrganizationMembers(membership),
    listOrganizationAssessments(membership),
    latestReadinessOutcome(membership),
    listWaitingAssessmentsIn(membership),
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
    canInvite: roleAtLeast(membership.role, "admin"),
    canStart: roleAtLeast(membership.role, "program_lead"),
    assessments: assessments.slice(0, 5).map((a) => ({ id: a.id, title: a.title, status: a.status, submitted: a.submittedCount, invited: a.respondentCount })),
    readiness,
    waiting,
  };
}

export default function OrganizationOverview() {
  const { organization, memberCount, canInvite, canStart, assessments, readiness, waiting } = useLoaderData<typeof loader>();
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
