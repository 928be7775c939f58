import type { LoaderFunctionArgs } from "@remix-run/node";
import { listQuerySchema, respondentsResponseSchema } from "#app/domain/api/schemas.ts";
import { apiJson, pageOf, parseInput, runApi, searchParamsOf } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { listAssessmentRespondents } from "#app/services/assessment-respondents.server.ts";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request);
    const query = parseInput(listQuerySchema, searchParamsOf(request), "query");
    const people = await listAssessmentRespondents(membership, params.assessmentId ?? "");
    // Names and status only: no emails, no answers.
    const rows = people.map((p) => ({
      id: p.id,
      name: p.name,
      function: p.function,
      status: p.submittedAt ? ("submitted" as const) : p.startedAt ? ("started" as const) : ("invited" as const),
    }));
    return apiJson(respondentsResponseSchema, pageOf(rows, query));
  });
