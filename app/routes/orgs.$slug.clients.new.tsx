import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { organizationProfileSchema } from "#app/domain/organizations.ts";
import { CopyField } from "#app/components/copy-field.tsx";
import { FormMessage, SubmitButton, type FormState } from "#app/components/form.tsx";
import { OrganizationFields } from "#app/components/organization-fields.tsx";
import { publicUrl } from "#app/lib/env.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { createClient } from "#app/services/engagements.server.ts";

export const meta: MetaFunction = () => [{ title: "New client · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "clients.manage");
  return { slug: membership.organization.slug, consultancy: membership.organization.name };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "clients.manage");
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const { client, ownerToken } = await createClient(membership, parseForm(organizationProfileSchema, formData));
    return { ok: true as const, client: { name: client.name, slug: client.slug }, ownerLink: publicUrl(`/invite/${ownerToken}`) };
  });
}

export default function NewClient() {
  const { slug, consultancy } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  if (state?.ok) {
    return (
      <section className="narrow card" aria-labelledby="client-created-heading">
        <h2 id="client-created-heading">{state.client.name} is your client</h2>
        <div className="banner banner-success" role="status">
          The client organization is created and {consultancy} works for it as admin.
        </div>
        <p>
          Send this link to the person at {state.client.name} who should own the organization. As owner they see the
          engagement on their settings page and can end it at any time. It works once and for 7 days.
        </p>
        <CopyField label="Owner invitation link: copy it now, it is shown only once" value={state.ownerLink} />
        <div className="actions">
          <Link className="button" to={`/orgs/${state.client.slug}/assessments/new`}>
            Start an assessment for {state.client.name}
          </Link>
          <Link to={`/orgs/${slug}/clients`}>Back to clients</Link>
        </div>
      </section>
    );
  }
  const failed = state as FormState | undefined;
  return (
    <section className="narrow card" aria-labelledby="new-client-heading">
      <h2 id="new-client-heading">New client</h2>
      <p className="muted">
        {consultancy} works for the new organization as admin: you can run its assessments, roadmaps and reports. Its
        industry, size and region place it in benchmarks and in your portfolio&apos;s filters.
      </p>
      <FormMessage state={failed} />
      <Form method="post" noValidate>
        <OrganizationFields state={failed} />
        <div className="actions">
          <SubmitButton pendingText="Creating client…">Create client</SubmitButton>
          <Link to={`/orgs/${slug}/clients`}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
