import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { acceptOfferSchema } from "#app/domain/engagement-forms.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ENGAGEMENT_ROLE_LABELS } from "#app/domain/engagements.ts";
import { FormMessage, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";
import { requireAuth } from "#app/lib/auth.server.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { engagementMessages } from "#app/messages/engagements.ts";
import { acceptEngagementOffer, describeEngagementOffer } from "#app/services/engagements.server.ts";
import { formatLongDate } from "#app/domain/format.ts";

export const meta: MetaFunction = () => [{ title: "Engagement offer · KAM Navigator" }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    const offer = await describeEngagementOffer(auth, params.token ?? "");
    return { ok: true as const, ...offer, expiresAt: offer.expiresAt.toISOString() };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return data({ ok: false as const, message: error.message }, { status: error.status });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const { consultancyId } = parseForm(acceptOfferSchema, formData);
    const { consultancy } = await acceptEngagementOffer(auth, params.token ?? "", consultancyId);
    return redirect(`/orgs/${consultancy.slug}/clients`);
  });
}


export default function EngagementOffer() {
  const offer = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  if (!offer.ok) {
    return (
      <section className="narrow card">
        <h1>This engagement link cannot be used</h1>
        <p>{offer.message}</p>
        <Link to="/orgs">Go to your organizations</Link>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>Work for {offer.client.name}</h1>
      <p>
        <strong>{offer.client.name}</strong> offers your consultancy an engagement with the role{" "}
        <strong>{ENGAGEMENT_ROLE_LABELS[offer.role]}</strong>. Every member of the consultancy you choose can then act in{" "}
        {offer.client.name} with that role, until its owner ends the engagement. The offer is open until{" "}
        {formatLongDate(offer.expiresAt)}.
      </p>
      <FormMessage state={state} />
      {offer.consultancies.length === 0 ? (
        <p className="banner banner-error" role="alert">
          {engagementMessages.notConsultancyAdmin} <Link to="/orgs/new">Create a consultancy</Link>
        </p>
      ) : (
        <Form method="post" noValidate>
          <SelectField
            label="Consultancy"
            name="consultancyId"
            options={offer.consultancies.map((c) => ({ value: c.id, label: c.name }))}
            defaultValue={offer.consultancies.length === 1 ? offer.consultancies[0]!.id : undefined}
            placeholder="Choose a consultancy"
            state={state}
          />
          <SubmitButton pendingText="Accepting…">Accept the engagement</SubmitButton>
        </Form>
      )}
    </section>
  );
}
