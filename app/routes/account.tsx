import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changeEmailSchema, changePasswordSchema, profileSchema } from "#app/domain/accounts.ts";
import { Field, FormMessage, SubmitButton, type FormState } from "#app/components/form.tsx";
import { authMessages } from "#app/messages/auth.ts";
import { requireAuth } from "#app/lib/auth.server.ts";
import { dispatchForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requestEmailChange, resendConfirmation } from "#app/services/account-links.server.ts";
import { changePassword, updateProfile } from "#app/services/accounts.server.ts";

export const meta: MetaFunction = () => [{ title: "Your account · KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request);
  return { user: { name: user.name, email: user.email } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const formData = await readForm(request);
  return dispatchForm(
    formData,
    {
      password: async () => {
        await changePassword(auth, { ...parseForm(changePasswordSchema, formData), ip: context.clientIp });
        return { ok: true as const, intent: "password", message: authMessages.passwordChanged };
      },
      profile: async () => {
        await updateProfile(auth, parseForm(profileSchema, formData));
        return { ok: true as const, intent: "profile", message: authMessages.profileSaved };
      },
      email: async () => {
        const input = parseForm(changeEmailSchema, formData);
        await requestEmailChange(auth, { ...input, ip: context.clientIp });
        return { ok: true as const, intent: "email", message: authMessages.emailChangeRequested(input.newEmail, auth.user.email) };
      },
      // The app shell's banner posts this from any page.
      "resend-confirmation": async () => {
        const { alreadyConfirmed } = await resendConfirmation(auth);
        const message = alreadyConfirmed ? authMessages.emailConfirmed(auth.user.email) : authMessages.confirmationResent(auth.user.email);
        return { ok: true as const, intent: "resend-confirmation", message };
      },
    },
    { whenMissing: "profile" },
  );
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const resultIntent = result && ("intent" in result ? result.intent : result.values.intent);
  const stateFor = (intent: string): FormState | undefined =>
    resultIntent === intent ? result : undefined;
  const successFor = (intent: string) =>
    resultIntent === intent && result && "message" in result ? result.message : undefined;
  return (
    <section className="narrow">
      <h1>Your account</h1>
      <p className="muted">Signed in as {user.email}</p>
      <FormMessage state={stateFor("resend-confirmation")} success={successFor("resend-confirmation")} />
      <div className="card">
        <h2>Name</h2>
        <FormMessage state={stateFor("profile")} success={successFor("profile")} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <Field label="Name" name="name" autoComplete="name" defaultValue={user.name} required state={stateFor("profile")} />
          <SubmitButton intent="profile" pendingText="Saving…">
            Save name
          </SubmitButton>
        </Form>
      </div>
      <div className="card">
        <h2>Email address</h2>
        <p className="muted">
          We send a link to the new address; it becomes yours when you follow it. Your current address gets a notice.
        </p>
        <FormMessage state={stateFor("email")} success={successFor("email")} />
        <Form method="post" noValidate key={successFor("email") ? "done" : "form"}>
          <input type="hidden" name="intent" value="email" />
          <Field label="New email address" name="newEmail" type="email" autoComplete="email" required state={stateFor("email")} />
          <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required state={stateFor("email")} />
          <SubmitButton intent="email" pendingText="Sending…">
            Change email address
          </SubmitButton>
        </Form>
      </div>
      <div className="card">
        <h2>Password</h2>
        <p className="muted">Changing your password signs you out on every other device.</p>
        <FormMessage state={stateFor("password")} success={successFor("password")} />
        <Form method="post" noValidate key={successFor("password") ? "done" : "form"}>
          <input type="hidden" name="intent" value="password" />
          <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required state={stateFor("password")} />
          <Field label="New password" name="newPassword" type="password" autoComplete="new-password" hint="At least 12 characters." required state={stateFor("password")} />
          <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required state={stateFor("password")} />
          <SubmitButton intent="password" pendingText="Changing…">
            Change password
          </SubmitButton>
        </Form>
      </div>
    </section>
  );
}
