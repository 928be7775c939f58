import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "#app/domain/permissions.ts";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { ASSESSMENT_STATUS_LABELS } from "#app/messages/assessments.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { listOrganizationAssessments } from "#app/services/assessments.server.ts";

export const meta: MetaFunction = () => [{ title: "Assessments · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const assessments = await listOrganizationAssessments(membership);
  return {
    slug: membership.organization.slug,
    canManage: can(membership, "assessments.manage"),
    assessments: assessments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}

export default function Assessments() {
  const { slug, canManage, assessments } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="assessments-heading">
      <div className="page-head">
        <h2 id="assessments-heading">Assessments</h2>
        {canManage ? (
          <Link className="button" to={`/orgs/${slug}/assessments/new`}>
            New assessment
          </Link>
        ) : null}
      </div>
      {assessments.length === 0 ? (
        <div className="card empty">
          <h3>No assessment yet</h3>
          <p>
            An assessment measures your KAM maturity with answers from sales, key account management,
            marketing, service, product, finance and leadership. Start with the KAM readiness check if you
            are not sure KAM fits your organization yet.
          </p>
        </div>
      ) : (
        <div className="card">
          <ScrollTable labelledBy="assessments-heading">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Questionnaire</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/orgs/${slug}/assessments/${a.id}`}>{a.title}</Link>
                  </th>
                  <td data-label="Questionnaire">
                    {a.questionnaireId} {a.version}
                  </td>
                  <td data-label="Status">
                    <span className={`badge badge-${a.status}`}>{ASSESSMENT_STATUS_LABELS[a.status]}</span>
                  </td>
                  <td data-label="Submitted">
                    {a.submittedCount} of {a.respondentCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
      )}
    </section>
  );
}
