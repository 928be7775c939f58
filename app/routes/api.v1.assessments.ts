import type { LoaderFunctionArgs } from "@remix-run/node";
import { assessmentsResponseSchema, listQuerySchema } from "#app/domain/api/schemas.ts";
import { apiJson, parseInput, runApi, searchParamsOf } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { pageAssessments } from "#app/services/api.server.ts";

export const loader = ({ request }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request);
    const query = parseInput(listQuerySchema, searchParamsOf(request), "query");
    const page = await pageAssessments(membership, query);
    return apiJson(assessmentsResponseSchema, {
      nextCursor: page.nextCursor,
      data: page.data.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), closedAt: a.closedAt?.toISOString() ?? null })),
    });
  });
