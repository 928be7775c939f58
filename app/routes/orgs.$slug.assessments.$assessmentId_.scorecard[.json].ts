import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "#app/services/access.server.ts";
import { loadAssessmentResults } from "#app/services/assessment-results.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const { scorecard, provisional } = await loadAssessmentResults(membership, params.assessmentId ?? "");
  return new Response(JSON.stringify({ provisional, ...scorecard }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="scorecard-${params.assessmentId}.json"`,
    },
  });
}
