import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { linkFailureStatus } from "#app/domain/account-links.ts";
import { resetPasswordSchema } from "#app/domain/accounts.ts";
import { Field, FormMessage, SubmitButton } from "#app/components/form.tsx";
import { authMessages } from "#app/messages/auth.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { serializeSessionCookie } from "#app/lib/session.server.ts";
import { describePasswordReset, resetPassword } from "#app/services/account-links.server.ts";

export const meta: MetaFunction = () => [{ title: "Choose a new password · KAM Navigator" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await describePasswordReset(params.token ?? "");
  if (state === "usable") return { state };
  return data({ state }, { status: linkFailureStatus(state) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const { newPassword } = parseForm(resetPasswordSchema, formData);
    const { token } = await resetPassword({ token: params.token ?? "", newPassword, ip: context.clientIp });
    return redirect("/orgs", { headers: { "Set-Cookie": serializeSessionCookie(token) } });
  });
}

export default function ResetPassword() {
  const { state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (state !== "usable") {
    return (
      <section className="narrow card">
        <h1>This link cannot be used</h1>
        <p>{state === "unknown" ? authMessages.resetLinkUnknown : authMessages.resetLinkGone}</p>
        <p>
          <Link to="/forgot-password">{authMessages.askForNewResetLink}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>Choose a new password</h1>
      <p className="muted">Setting it signs you out on every other device.</p>
      <FormMessage state={result} />
      <Form method="post" noValidate>
        <Field label="New password" name="newPassword" type="password" autoComplete="new-password" hint="At least 12 characters." required minLength={12} state={result} />
        <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required state={result} />
        <SubmitButton pendingText="Saving…">Set the new password</SubmitButton>
      </Form>
    </section>
  );
}
