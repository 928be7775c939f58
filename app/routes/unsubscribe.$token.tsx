import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { SubmitButton } from "#app/components/form.tsx";
import { campaignMessages as m } from "#app/messages/campaign.ts";
import { unsubscribeFromReminders } from "#app/services/campaign.server.ts";

export const meta: MetaFunction = () => [{ title: "No more reminders · KAM Navigator" }, { name: "robots", content: "noindex" }];

/** Opening the link changes nothing (mail scanners open links): the button, or a mail client's one-click POST, does. */
export function loader(_: LoaderFunctionArgs) {
  return null;
}

/**
 * RFC 8058: a mail client posts "List-Unsubscribe=One-Click" to this address, without cookies or
 * an Origin; the token in the address is the only credential, and it can only stop reminders.
 */
export async function action({ params }: ActionFunctionArgs) {
  if (await unsubscribeFromReminders(params.token ?? "")) return { done: true, message: m.unsubscribed };
  return data({ done: false, message: m.unsubscribeUnknown }, { status: 404 });
}

export default function Unsubscribe() {
  const result = useActionData<typeof action>();
  return (
    <section className="respondent">
      <h1>Reminders</h1>
      {result ? (
        <p className={`banner ${result.done ? "banner-success" : "banner-error"}`} role="status">
          {result.message}
        </p>
      ) : (
        <Form method="post">
          <p>Stop the reminder mails for this assessment? Your personal link keeps working.</p>
          <SubmitButton pendingText="Stopping…">Send me no more reminders</SubmitButton>
        </Form>
      )}
    </section>
  );
}
