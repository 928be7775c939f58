import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "#app/components/error-page.tsx";
import { can } from "#app/domain/permissions.ts";
import { ROLE_LABELS } from "#app/domain/roles.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { listMyOrganizations } from "#app/services/organizations.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const organizations = await listMyOrganizations(membership);
  const { organization, role, engagement } = membership;
  return {
    organization: { id: organization.id, slug: organization.slug, name: organization.name, kind: organization.kind },
    role,
    consultancy: engagement?.consultancy ?? null,
    tabs: { clients: can(membership, "clients.view"), consultancies: can(membership, "engagements.view"), settings: can(membership, "settings.manage"), outbox: can(membership, "mail.view") },
    organizations: organizations.map(({ slug, name }) => ({ slug, name })),
  };
}

type OrganizationData = Awaited<ReturnType<typeof loader>>;

export default function OrganizationLayout() {
  return (
    <OrganizationShell data={useLoaderData<typeof loader>()}>
      <Outlet />
    </OrganizationShell>
  );
}

/**
 * A page inside the organization that answers 404 or 403 keeps the organization's navigation.
 * When this layout's own loader refused (another organization's slug), there is no data and
 * the page shows the error alone, naming nothing of that organization.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/orgs.$slug");
  if (!data) return <ErrorPage error={error} />;
  return (
    <OrganizationShell data={data}>
      <ErrorPage error={error} />
    </OrganizationShell>
  );
}

function OrganizationShell({ data, children }: { data: OrganizationData; children: ReactNode }) {
  const { organization, role, organizations, consultancy, tabs } = data;
  const others = organizations.filter((org) => org.slug !== organization.slug);
  return (
    <div className="org-shell">
      <div className="org-head">
        <div>
          <p className="eyebrow">
            {organization.kind === "consultancy" ? "Consultancy" : consultancy ? "Client" : "Organization"} · {ROLE_LABELS[role]}
          </p>
          <h1 className="org-name">{organization.name}</h1>
        </div>
        <details className="switcher">
          <summary>Switch organization</summary>
          <ul>
            {others.map((org) => (
              <li key={org.slug}>
                <Link to={`/orgs/${org.slug}`}>{org.name}</Link>
              </li>
            ))}
            <li>
              <Link to="/orgs/new">+ New organization</Link>
            </li>
          </ul>
        </details>
      </div>
      {consultancy ? (
        <p className="banner engagement-banner" role="note">
          You work here for <strong>{consultancy.name}</strong> as {ROLE_LABELS[role].toLowerCase()}, through an engagement the
          client can end at any time. <Link to={`/orgs/${consultancy.slug}/clients`}>Back to the portfolio</Link>
        </p>
      ) : null}
      <nav aria-label="Organization" className="tabs">
        {tabs.clients ? <NavLink to={`/orgs/${organization.slug}/clients`}>Clients</NavLink> : null}
        <NavLink to={`/orgs/${organization.slug}`} end>
          Overview
        </NavLink>
        <NavLink to={`/orgs/${organization.slug}/assessments`}>Assessments</NavLink>
        <NavLink to={`/orgs/${organization.slug}/roadmaps`}>Roadmap</NavLink>
        <NavLink to={`/orgs/${organization.slug}/members`}>Members</NavLink>
        {tabs.consultancies ? (
          <NavLink to={`/orgs/${organization.slug}/consultancies`}>Consultancies</NavLink>
        ) : null}
        {tabs.settings ? <NavLink to={`/orgs/${organization.slug}/settings`}>Settings</NavLink> : null}
        {tabs.outbox ? <NavLink to={`/orgs/${organization.slug}/outbox`}>Outbox</NavLink> : null}
      </nav>
      {children}
    </div>
  );
}
