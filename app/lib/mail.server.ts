// The SMTP connection: nodemailer on SMTP_URL. Without it, mail is kept for the Outbox page.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server.ts";

let cached: { url: string; transporter: Transporter } | undefined;

/** The transport for SMTP_URL, or null when mail is not configured. */
export function mailTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) {
    // Pooled unless the URL says otherwise: one connection per mail would cap the send rate.
    const pooled = new URL(url);
    if (!pooled.searchParams.has("pool")) pooled.searchParams.set("pool", "true");
    cached = { url, transporter: nodemailer.createTransport(pooled.href) };
  }
  return cached.transporter;
}

/**
 * The sender: MAIL_FROM's address, named for the organization the mail is from ("Northwind
 * Parts via KAM Navigator"), so people see whose mail it is before they open it.
 */
export function mailFrom(organizationName: string | null): { name: string; address: string } {
  const configured = env().MAIL_FROM.trim();
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(configured);
  const name = (named?.[1] ?? "").replace(/^"|"$/g, "") || "KAM Navigator";
  const address = named?.[2] ?? configured;
  return { name: organizationName ? `${organizationName} via ${name}` : name, address };
}

export const isMailConfigured = () => Boolean(env().SMTP_URL);

/** SMTP answers 5xx for a refusal that will not change, such as an unknown mailbox. */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
