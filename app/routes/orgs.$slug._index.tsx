import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { roleAtLeast } from "#app/domain/roles.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { listOrganizationMembers } from "#app/services/organizations.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organization"} · KAM Navigator` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const members = await listOrganizationMembers(membership);
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
  };
}

export default function OrganizationOverview() {
  const { organization, memberCount, canInvite } = useLoaderData<typeof loader>();
  return (
    <div className="grid">
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
      <section className="card empty" aria-labelledby="assessments-heading">
        <h2 id="assessments-heading">Assessments</h2>
        <p>
          No assessment yet. Assessments measure your KAM maturity with answers from sales, key
          account management, service, product, finance and leadership.
        </p>
        {canInvite ? (
          <p>
            Start by inviting the colleagues who will run the program:{" "}
            <Link to={`/orgs/${organization.slug}/members`}>invite members</Link>.
          </p>
        ) : null}
      </section>
    </div>
  );
}
