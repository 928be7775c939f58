import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "#app/domain/roles.ts";
import { FormMessage, SubmitButton } from "#app/components/form.tsx";
import { getAuth, requireAuth } from "#app/lib/auth.server.ts";
import { handleForm, readForm } from "#app/lib/forms.server.ts";
import { acceptInvitation, describeInvitation } from "#app/services/invitations.server.ts";

export const meta: MetaFunction = () => [{ title: "Invitation · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await describeInvitation(params.token ?? "");
  const auth = await getAuth(request);
  const signedInAs = auth ? auth.user.email : null;
  const here = new URL(request.url).pathname;
  if (!invitation.ok) {
    return data({ invitation: { ok: false as const, message: invitation.message }, signedInAs, here }, { status: invitation.status });
  }
  return { invitation, signedInAs, here };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const organization = await acceptInvitation(auth, params.token ?? "");
    return redirect(`/orgs/${organization.slug}`);
  });
}

export default function Invitation() {
  const { invitation, signedInAs, here } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  if (!invitation.ok) {
    return (
      <section className="narrow card">
        <h1>This invitation cannot be used</h1>
        <p>{invitation.message}</p>
        <Link to="/">Go to the start page</Link>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>Join {invitation.organization.name}</h1>
      <p>
        You are invited to join <strong>{invitation.organization.name}</strong> on KAM Navigator
        as <strong>{ROLE_LABELS[invitation.role]}</strong>.
      </p>
      <FormMessage state={state} />
      {signedInAs ? (
        <Form method="post">
          <p className="muted">You are signed in as {signedInAs}.</p>
          <SubmitButton pendingText="Joining…">Join {invitation.organization.name}</SubmitButton>
        </Form>
      ) : (
        <InviteSignInLinks here={here} />
      )}
    </section>
  );
}

function InviteSignInLinks({ here }: { here: string }) {
  const back = encodeURIComponent(here);
  return (
    <>
      <p>Create an account or sign in to accept it.</p>
      <p className="actions">
        <Link className="button" to={`/signup?redirectTo=${back}`}>
          Create an account
        </Link>
        <Link className="button button-secondary" to={`/signin?redirectTo=${back}`}>
          Sign in
        </Link>
      </p>
    </>
  );
}
