import type { LoaderFunctionArgs } from "@remix-run/node";
import { answersResponseSchema } from "#app/domain/api/schemas.ts";
import { apiJson, runApi } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { listAnonymizedAnswers } from "#app/services/assessment-results.server.ts";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request, "answers.export");
    const assessmentId = params.assessmentId ?? "";
    const data = await listAnonymizedAnswers(membership, assessmentId);
    return apiJson(answersResponseSchema, { assessmentId, data });
  });
