import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { newOrganizationSchema } from "#app/domain/organizations.ts";
import { FormMessage, SelectField, SubmitButton } from "#app/components/form.tsx";
import { OrganizationFields } from "#app/components/organization-fields.tsx";
import { requireAuth } from "#app/lib/auth.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { createOrganization } from "#app/services/organizations.server.ts";

const ORGANIZATION_KINDS = [
  { value: "company", label: "A company assessing its own key account management" },
  { value: "consultancy", label: "A consultancy assessing client organizations" },
];

export const meta: MetaFunction = () => [{ title: "New organization · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAuth(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const organization = await createOrganization(auth, parseForm(newOrganizationSchema, formData));
    return redirect(organization.kind === "consultancy" ? `/orgs/${organization.slug}/clients` : `/orgs/${organization.slug}`);
  });
}

export default function NewOrganization() {
  const state = useActionData<typeof action>();
  return (
    <section className="narrow card">
      <h1>New organization</h1>
      <p className="muted">You become its owner and can invite colleagues next.</p>
      <FormMessage state={state} />
      <Form method="post" noValidate>
        <OrganizationFields state={state} />
        <SelectField
          label="What kind of organization is it?"
          name="kind"
          options={ORGANIZATION_KINDS}
          defaultValue="company"
          state={state}
        />
        <div className="actions">
          <SubmitButton pendingText="Creating…">Create organization</SubmitButton>
          <Link to="/orgs">Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
