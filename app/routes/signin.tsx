import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { signInSchema } from "#app/domain/accounts.ts";
import { Field, FormMessage, SubmitButton } from "#app/components/form.tsx";
import { authMessages } from "#app/messages/auth.ts";
import { getAuth, safeRedirectPath } from "#app/lib/auth.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { serializeSessionCookie } from "#app/lib/session.server.ts";
import { signIn } from "#app/services/accounts.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign in · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect("/orgs");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const input = parseForm(signInSchema, formData);
    // Checked first: a target that answers 400 must not leave a session behind.
    const redirectTo = safeRedirectPath(formData.get("redirectTo"), "/orgs");
    const { token } = await signIn({ ...input, ip: context.clientIp });
    return redirect(redirectTo, {
      headers: { "Set-Cookie": serializeSessionCookie(token) },
    });
  });
}

export default function SignIn() {
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const afterSignUp = params.get("checkEmail") === "1";
  return (
    <section className="narrow card">
      <h1>Sign in</h1>
      <FormMessage state={state} success={afterSignUp && !state ? authMessages.signUpCheckEmail : undefined} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Email" name="email" type="email" autoComplete="email" required state={state} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required state={state} />
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </Form>
      <p>
        <Link to="/forgot-password">{authMessages.forgotPasswordLink}</Link>
      </p>
      <p>
        New here?{" "}
        <Link to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup"}>Create an account</Link>
      </p>
    </section>
  );
}
