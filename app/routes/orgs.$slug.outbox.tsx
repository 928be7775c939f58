import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { formatDateTime } from "#app/domain/format.ts";
import { MAIL_KIND_LABELS, MAIL_STATUS_LABELS, mailMessages } from "#app/messages/mail.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { loadOutbox } from "#app/services/mail.server.ts";

export const meta: MetaFunction = () => [{ title: "Outbox · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "mail.view");
  const outbox = await loadOutbox(membership);
  return {
    configured: outbox.configured,
    limit: outbox.limit,
    messages: outbox.messages.map((message) => ({
      id: message.id,
      kind: MAIL_KIND_LABELS[message.kind],
      to: message.toAddress,
      subject: message.subject,
      text: message.text,
      links: message.links,
      status: message.status,
      statusLabel: MAIL_STATUS_LABELS[message.status],
      lastError: message.lastError,
      createdAt: formatDateTime(message.createdAt),
      sentAt: message.sentAt ? formatDateTime(message.sentAt) : null,
    })),
  };
}

export default function OutboxPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h2>Outbox</h2>
          <p className="muted">
            {data.configured
              ? "The mail this organization sent, newest first: what waits, what was sent and what failed."
              : "The mail this organization would have sent, newest first, with the links it carries."}
          </p>
        </div>
      </div>
      {!data.configured ? (
        <p className="banner" role="note">
          {mailMessages.notConfigured} Until then, send each person their link yourself.
        </p>
      ) : null}
      <section className="card" aria-labelledby="outbox-heading">
        <h3 id="outbox-heading">Mail ({data.messages.length === data.limit ? `the newest ${data.limit}` : data.messages.length})</h3>
        {data.messages.length === 0 ? (
          <p className="muted">No mail yet. Invitations sent from an assessment&apos;s page appear here.</p>
        ) : (
          <ScrollTable labelledBy="outbox-heading">
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Mail</th>
                <th scope="col">Status</th>
                <th scope="col">Queued</th>
                <th scope="col">Links</th>
              </tr>
            </thead>
            <tbody>
              {data.messages.map((message) => (
                <tr key={message.id}>
                  <th scope="row">{message.to}</th>
                  <td data-label="Mail">
                    <details>
                      <summary>
                        {message.kind}: {message.subject}
                      </summary>
                      <pre className="mail-text">{message.text}</pre>
                    </details>
                  </td>
                  <td data-label="Status">
                    <span className={`badge badge-mail-${message.status}`}>{message.statusLabel}</span>
                    {message.sentAt ? <span className="muted"> {message.sentAt}</span> : null}
                    {message.lastError && message.status !== "sent" ? <p className="hint">{message.lastError}</p> : null}
                  </td>
                  <td data-label="Queued">{message.createdAt}</td>
                  <td data-label="Links">
                    {message.links.length === 0 ? (
                      <span className="muted">{message.status === "sent" || message.status === "withdrawn" ? "removed from this copy" : "none"}</span>
                    ) : (
                      message.links.map((link) => (
                        <a key={link} href={link} className="break-anywhere">
                          {link}
                        </a>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>
    </div>
  );
}
