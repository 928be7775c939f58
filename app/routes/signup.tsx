import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { signUpSchema } from "#app/domain/accounts.ts";
import { Field, FormMessage, SubmitButton } from "#app/components/form.tsx";
import { getAuth, safeRedirectPath, signInAfterSignUpPath } from "#app/lib/auth.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { signUp } from "#app/services/accounts.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign up · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect("/orgs");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const input = parseForm(signUpSchema, formData);
    // Checked first: a target that answers 400 must not leave an account behind.
    const redirectTo = safeRedirectPath(formData.get("redirectTo"), "/orgs");
    await signUp({ ...input, ip: context.clientIp });
    // The same answer for a new and a taken address: sign in next, then go on to the target.
    return redirect(signInAfterSignUpPath(redirectTo));
  });
}

export default function SignUp() {
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <section className="narrow card">
      <h1>Create your account</h1>
      <FormMessage state={state} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Name" name="name" autoComplete="name" required state={state} />
        <Field label="Work email" name="email" type="email" autoComplete="email" required state={state} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          required
          minLength={12}
          state={state}
        />
        <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      </Form>
      <p>
        Already have an account?{" "}
        <Link to={redirectTo ? `/signin?redirectTo=${encodeURIComponent(redirectTo)}` : "/signin"}>Sign in</Link>
      </p>
    </section>
  );
}
