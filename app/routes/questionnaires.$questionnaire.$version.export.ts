import type { LoaderFunctionArgs } from "@remix-run/node";
import { withCitations } from "#app/domain/questionnaire/bibliography.ts";
import { requireAuth } from "#app/lib/auth.server.ts";
import { notFound } from "#app/lib/errors.server.ts";
import { getQuestionnaireVersion } from "#app/services/surveys.server.ts";

/**
 * The version as JSON, for consultants who keep the questionnaire in their own tools, with its
 * sources cited by reference; `contentHash` still names the frozen version it was made from.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAuth(request);
  const stored = await getQuestionnaireVersion(params.questionnaire ?? "", params.version ?? "");
  if (!stored) notFound();
  const name = `${stored.version.questionnaire}-${stored.version.version}.json`;
  return new Response(JSON.stringify({ ...withCitations(stored.version), status: stored.status, contentHash: stored.contentHash }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
}
