/** Mail: queued with the change that causes it, delivered by the worker, kept for the Outbox without SMTP. */
import { getDb, type Database } from "#db/client.ts";
import {
  currentLinkHashOf,
  findMailMessage,
  insertMailMessages,
  listOrganizationMail,
  markMailFailed,
  markMailKept,
  markMailSent,
  markMailWithdrawn,
  type NewMailMessage,
} from "#db/queries/mail.ts";
import { enqueueJobs } from "#app/lib/jobs.server.ts";
import { isMailConfigured, isPermanentRefusal, mailFrom, mailTransport } from "#app/lib/mail.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";
import { linksOf } from "#app/domain/mail/render.ts";
import { authorize, type Membership } from "./access.server.ts";

export interface MailJob {
  messageId: string;
}

/**
 * Stores the messages and queues a send job for each in `db`, which is the transaction of the
 * change that causes them: the mail exists exactly when the change does.
 */
export async function queueMail(db: Database, messages: NewMailMessage[]) {
  const stored = await insertMailMessages(db, messages);
  await enqueueJobs(
    db,
    "mail",
    stored.map((m) => ({ data: { messageId: m.id } satisfies MailJob })),
  );
  return stored;
}

/** Queues a send job again for a stored message (a resend of the same mail). */
export async function queueMailAgain(db: Database, messageId: string) {
  await enqueueJobs(db, "mail", [{ data: { messageId } satisfies MailJob }]);
}

export type DeliveryOutcome = "sent" | "kept" | "bounced" | "withdrawn" | "already-sent" | "missing";

/**
 * Sends one stored message. A message the SMTP server accepted before is not sent again (a job
 * taken up again after its worker died). A refused address (5xx) bounces without retries; any
 * other failure throws, so the queue retries it with backoff, until `lastTry` marks it failed.
 */
export async function deliverMail(job: MailJob, options: { lastTry: boolean; now?: () => Date } = { lastTry: false }): Promise<DeliveryOutcome> {
  const db = getDb();
  const message = await findMailMessage(db, job.messageId);
  if (!message) return "missing";
  if (message.status === "sent") return "already-sent";
  // A mail never carries a dead link: one replaced, or revoked with the access that issued it, since.
  if (message.respondentId && message.secret && (await currentLinkHashOf(db, message.respondentId)) !== hashSecret(message.secret)) {
    await markMailWithdrawn(db, message.id);
    return "withdrawn";
  }
  const transport = mailTransport();
  if (!transport) {
    await markMailKept(db, message.id);
    return "kept";
  }
  try {
    await transport.sendMail({
      from: mailFrom(message.fromName),
      to: message.toAddress,
      replyTo: message.replyTo ?? undefined,
      subject: message.subject,
      html: message.html,
      text: message.text,
      // The same id on every try, so a receiving server can tell a retry from a new mail.
      messageId: `<${message.id}@kam-navigator>`,
      headers: message.headers ?? undefined,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isPermanentRefusal(error)) {
      await markMailFailed(db, message.id, reason, "bounced");
      return "bounced";
    }
    await markMailFailed(db, message.id, reason, options.lastTry ? "failed" : "queued");
    throw error;
  }
  await markMailSent(db, message.id, (options.now ?? (() => new Date()))());
  return "sent";
}

const OUTBOX_SIZE = 200;

/** The organization's mail for its admins: the Outbox page when mail is not configured, a log when it is. */
export async function loadOutbox(membership: Membership) {
  authorize(membership, "mail.view");
  const messages = await listOrganizationMail(getDb(), membership.organization.id, OUTBOX_SIZE);
  // A sent or withdrawn mail's stored copy has its personal link blanked; only mail kept or waiting still carries one.
  const carriesLinks = (status: string) => status !== "sent" && status !== "withdrawn";
  return {
    configured: isMailConfigured(),
    messages: messages.map((message) => ({ ...message, links: carriesLinks(message.status) ? linksOf(message.text) : [] })),
    limit: OUTBOX_SIZE,
  };
}
