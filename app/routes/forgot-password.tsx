import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { forgotPasswordSchema } from "#app/domain/accounts.ts";
import { Field, FormMessage, SubmitButton } from "#app/components/form.tsx";
import { authMessages } from "#app/messages/auth.ts";
import { getAuth } from "#app/lib/auth.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requestPasswordReset } from "#app/services/account-links.server.ts";

export const meta: MetaFunction = () => [{ title: "Forgot your password · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    await requestPasswordReset({ ...parseForm(forgotPasswordSchema, formData), ip: context.clientIp });
    return { ok: true as const, message: authMessages.resetSent };
  });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const sent = result && "message" in result ? result.message : undefined;
  return (
    <section className="narrow card">
      <h1>Forgot your password?</h1>
      <FormMessage state={result} success={sent} />
      {sent ? null : (
        <>
          <p>Enter the address you sign in with. If it has an account, we mail it a link to choose a new password.</p>
          <Form method="post" noValidate>
            <Field label="Email" name="email" type="email" autoComplete="email" required state={result} />
            <SubmitButton pendingText="Sending…">Send the link</SubmitButton>
          </Form>
        </>
      )}
      <p>
        <Link to="/signin">Back to sign-in</Link>
      </p>
    </section>
  );
}
