// Mail bodies, as data in and text out: an HTML part with accessible markup (a language, a
// title, real headings and a link with its own words) and a plain-text part that says the same.

export interface MailContent {
  subject: string;
  html: string;
  text: string;
}

export interface MailBody {
  subject: string;
  /** Who it comes from, named in the heading and the footer. */
  organizationName: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  /** Said after the action: why the person got the mail, what to do if it was a mistake. */
  footer: string;
  /** A link that stops mail of this kind (also in the List-Unsubscribe header). */
  unsubscribe?: { label: string; url: string };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

export function renderMail(body: MailBody): MailContent {
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(body.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1d2433;">
<main style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;">
<p style="margin:0 0 16px;font-size:14px;color:#3b4457;">${e(body.organizationName)}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${e(body.subject)}</h1>
<p style="margin:0 0 12px;font-size:16px;line-height:1.5;">${e(body.greeting)}</p>
${body.paragraphs.map((p) => `<p style="margin:0 0 12px;font-size:16px;line-height:1.5;">${e(p)}</p>`).join("\n")}
<p style="margin:24px 0;"><a href="${e(body.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d3b6e;color:#ffffff;text-decoration:underline;border-radius:4px;font-size:16px;">${e(body.action.label)}</a></p>
<p style="margin:0 0 12px;font-size:14px;line-height:1.5;color:#3b4457;">If the button does not work, copy this address into your browser: ${e(body.action.url)}</p>
<p style="margin:24px 0 0;font-size:13px;line-height:1.5;color:#3b4457;">${e(body.footer)}</p>
${body.unsubscribe ? `<p style="margin:12px 0 0;font-size:13px;"><a href="${e(body.unsubscribe.url)}" style="color:#1d3b6e;">${e(body.unsubscribe.label)}</a></p>\n` : ""}</main>
</body>
</html>
`;
  const text = [body.organizationName, "", body.subject, "", body.greeting, "", ...body.paragraphs.flatMap((p) => [p, ""]), `${body.action.label}: ${body.action.url}`, "", body.footer, ...(body.unsubscribe ? ["", `${body.unsubscribe.label}: ${body.unsubscribe.url}`] : []), ""].join("\n");
  return { subject: body.subject, html, text };
}

/** The web addresses a plain-text part holds, in order. */
export const linksOf = (text: string) => [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => match[0]);
