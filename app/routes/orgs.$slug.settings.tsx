import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { organizationSettingsSchema } from "#app/domain/organizations.ts";
import { Field, FormMessage, SubmitButton } from "#app/components/form.tsx";
import { OrganizationFields } from "#app/components/organization-fields.tsx";
import { handleForm, parseForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { updateOrganizationSettings } from "#app/services/organizations.server.ts";

export const meta: MetaFunction = () => [{ title: "Organization settings · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireMembership(request, { slug: params.slug ?? "" }, "admin");
  const { name, slug, industry, sizeBand, region } = organization;
  const saved = new URL(request.url).searchParams.has("saved");
  return { organization: { name, slug, industry, sizeBand, region }, saved };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "admin");
  const formData = await request.formData();
  return handleForm(formData, async () => {
    const values = parseForm(organizationSettingsSchema, formData);
    await updateOrganizationSettings(membership, values);
    return redirect(`/orgs/${values.slug}/settings?saved=1`);
  });
}

export default function OrganizationSettings() {
  const { organization, saved } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="card narrow-card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <FormMessage state={state} success={!state && saved ? "Settings saved." : undefined} />
      <Form method="post" noValidate>
        <OrganizationFields state={state} defaults={organization} />
        <Field
          label="Web address"
          name="slug"
          defaultValue={organization.slug}
          hint="Pages of this organization live under /orgs/<address>. Old links stop working when it changes."
          required
          state={state}
        />
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
      </Form>
    </section>
  );
}
