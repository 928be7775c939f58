// The invitation mail's wording, editable per assessment: a subject, a greeting and a paragraph
// with placeholders, filled in for each person when the mail is made.
import { z } from "zod";
import { templateMessages as m } from "../../messages/mail.ts";

export interface InvitationTemplate {
  subject: string;
  greeting: string;
  paragraph: string;
}

export const PLACEHOLDERS = ["name", "organization", "sender", "dueDate", "link"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholders a text names that do not exist, such as a mistyped {nmae}. */
export const unknownPlaceholders = (text: string) =>
  [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));

/** The text with each placeholder replaced; a due date that is not set reads as the fallback. */
export function fillTemplate(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}

const templateText = (max: number, tooLong: string, required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, tooLong)
    .refine((text) => unknownPlaceholders(text).length === 0, { error: (issue) => m.unknownPlaceholder(unknownPlaceholders(String(issue.input))) });

export const invitationTemplateSchema = z.object({
  subject: templateText(150, m.subjectTooLong, m.subjectRequired),
  greeting: templateText(200, m.greetingTooLong, m.greetingRequired),
  paragraph: templateText(2000, m.paragraphTooLong, m.paragraphRequired),
});
