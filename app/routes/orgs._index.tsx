import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "#app/domain/roles.ts";
import { requireAuth } from "#app/lib/auth.server.ts";
import { listMyOrganizations } from "#app/services/organizations.server.ts";

export const meta: MetaFunction = () => [{ title: "Your organizations · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  return { organizations: await listMyOrganizations(auth) };
}

export default function Organizations() {
  const { organizations } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-head">
        <h1>Your organizations</h1>
        <Link className="button" to="/orgs/new">
          New organization
        </Link>
      </div>
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
              <span className="badge">{ROLE_LABELS[org.role]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
