import { data } from "@remix-run/node";
import type { z } from "zod";
import { errorMessages } from "#app/messages/errors.ts";
import { BodyError, parseFormBytes, readBodyBytes, TOO_LARGE_HEADERS } from "./body.server.ts";
import { UserError } from "./errors.server.ts";
import { findNul, NUL_MESSAGE } from "./nul.ts";

export interface FormFailure {
  ok: false;
  formError?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

/** Checks a form against a schema; throws a 400 with one message per field on failure. */
export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  formData: FormData,
): z.infer<Schema> {
  const values = formValues(formData);
  const withNul = Object.keys(values).filter((key) => findNul(values[key]) !== null);
  if (withNul.length > 0) {
    throw new UserError(400, "Please correct the fields marked below.", Object.fromEntries(withNul.map((key) => [key, NUL_MESSAGE])));
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "form";
    fieldErrors[key] ??= issue.message;
  }
  throw new UserError(400, "Please correct the fields marked below.", fieldErrors);
}

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The request's form fields. A body that is no form (another content type, or a multipart
 * body that does not parse) is the sender's mistake: it answers 415 or 400, not a crash; a
 * body over the form limit answers 413 without being read whole.
 */
export async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPES.includes(contentType.split(";")[0]!.trim().toLowerCase())) {
    throw new Response(errorMessages.formNotAForm, { status: 415, statusText: "Unsupported Media Type" });
  }
  try {
    return await parseFormBytes(await readBodyBytes(request, "form"), contentType);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    throw new Response(error.message, {
      status: error.status,
      statusText: error.status === 413 ? "Content Too Large" : "Bad Request",
      headers: error.status === 413 ? TOO_LARGE_HEADERS : undefined,
    });
  }
}

type IntentHandlers = Record<string, (formData: FormData) => Promise<unknown>>;

/**
 * The one way a form with several buttons is answered: the handler its `intent` names runs as
 * `handleForm` runs it; a form without an intent runs `whenMissing`'s, where the page has such a
 * form; any other intent answers 400 and changes nothing.
 */
export function dispatchForm<Handlers extends IntentHandlers>(
  formData: FormData,
  handlers: Handlers,
  options: { whenMissing?: keyof Handlers & string } = {},
) {
  return handleForm(formData, async () => {
    const sent = formData.get("intent");
    const intent = sent === null || sent === "" ? options.whenMissing : typeof sent === "string" ? sent : undefined;
    if (intent === undefined || !Object.hasOwn(handlers, intent)) throw new UserError(400, errorMessages.unknownIntent);
    return (await handlers[intent]!(formData)) as Awaited<ReturnType<Handlers[keyof Handlers]>>;
  });
}

const SECRET_FIELDS = /password/i;

/**
 * Runs an action body; a UserError becomes the form's answer with its status and the
 * submitted values (never passwords) so the form re-renders with what was typed.
 */
export async function handleForm<T>(formData: FormData, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const values = Object.fromEntries(
      Object.entries(formValues(formData)).filter(([key]) => !SECRET_FIELDS.test(key)),
    );
    const failure: FormFailure = {
      ok: false,
      formError: error.message,
      fieldErrors: error.fieldErrors,
      values,
    };
    return data(failure, { status: error.status });
  }
}
