import type { LoaderFunctionArgs } from "@remix-run/node";
import { scorecardResponseSchema } from "#app/domain/api/schemas.ts";
import { apiJson, runApi } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { loadAssessmentResults } from "#app/services/assessment-results.server.ts";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request);
    const { assessment, scorecard, provisional } = await loadAssessmentResults(membership, params.assessmentId ?? "");
    return apiJson(scorecardResponseSchema, { assessmentId: assessment.id, provisional, ...scorecard });
  });
