import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "#app/domain/roles.ts";
import { requireAuth } from "#app/lib/auth.server.ts";
import { listMyOrganizations } from "#app/services/organizations.server.ts";
import { listMyWaitingAssessments } from "#app/services/respondents.server.ts";
import { WaitingForAnswers } from "#app/components/waiting-answers.tsx";

export const meta: MetaFunction = () => [{ title: "Your organizations · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const [organizations, waiting] = await Promise.all([listMyOrganizations(auth), listMyWaitingAssessments(auth)]);
  return { organizations, waiting };
}

export default function Organizations() {
  const { organizations, waiting } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h1>Your organizations</h1>
        <Link className="button" to="/orgs/new">
          New organization
        </Link>
      </div>
      {waiting.length > 0 ? <WaitingForAnswers items={waiting} showOrganization /> : null}
      {organizations.length === 0 ? (
        <div className="empty card">
          <h2>No organization yet</h2>
          <p>
            Create your organization to start a KAM maturity assessment, or open an invitation
            link a colleague sent you.
          </p>
          <Link className="button" to="/orgs/new">
            Create an organization
          </Link>
        </div>
      ) : (
        <ul className="org-list">
          {organizations.map((org) => (
            <li key={org.id} className="card">
              <Link to={`/orgs/${org.slug}`} className="org-link">
                {org.name}
              </Link>
              <span className="badge">
                {org.kind === "consultancy" ? "Consultancy · " : ""}
                {ROLE_LABELS[org.role]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
