import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { linkFailureStatus } from "#app/domain/account-links.ts";
import { FormMessage, SubmitButton } from "#app/components/form.tsx";
import { authMessages } from "#app/messages/auth.ts";
import { getAuth } from "#app/lib/auth.server.ts";
import { handleForm, readForm } from "#app/lib/forms.server.ts";
import { confirmEmail, describeConfirmation } from "#app/services/account-links.server.ts";

export const meta: MetaFunction = () => [{ title: "Confirm your address · KAM Navigator" }];

// Following the link shows a button rather than confirming at once: mail scanners that open
// every link would otherwise use it up, or change an address nobody at it asked for.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [link, auth] = await Promise.all([describeConfirmation(params.token ?? ""), getAuth(request)]);
  const signedIn = auth !== null;
  if (link.state === "usable") return { link, signedIn };
  return data({ link, signedIn }, { status: linkFailureStatus(link.state) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const { email, changed } = await confirmEmail(params.token ?? "");
    // 200 over the loader's 410: the link is used now because it just worked.
    return data({ ok: true as const, message: changed ? authMessages.emailChanged(email) : authMessages.emailConfirmed(email) }, { status: 200 });
  });
}

export default function ConfirmEmail() {
  const { link, signedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const next = signedIn ? <Link to="/orgs">Go to your organizations</Link> : <Link to="/signin">Sign in</Link>;
  if (result && "message" in result) {
    return (
      <section className="narrow card">
        <h1>Address confirmed</h1>
        <FormMessage success={result.message} />
        <p>{next}</p>
      </section>
    );
  }
  if (link.state !== "usable") {
    return (
      <section className="narrow card">
        <h1>This link cannot be used</h1>
        <p>{link.state === "unknown" ? authMessages.confirmationLinkUnknown : authMessages.confirmationLinkGone}</p>
        <p>{signedIn ? <Link to="/account">Go to your account</Link> : next}</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{link.change ? "Confirm your new address" : "Confirm your address"}</h1>
      <FormMessage state={result} />
      <p>
        {link.change ? "Your KAM Navigator account will use " : "This confirms that "}
        <strong>{link.email}</strong>
        {link.change ? " from now on: you sign in with it, and mail about your account goes there." : " is your address."}
      </p>
      <Form method="post">
        <SubmitButton pendingText="Confirming…">{link.change ? "Use this address" : "Confirm my address"}</SubmitButton>
      </Form>
    </section>
  );
}
