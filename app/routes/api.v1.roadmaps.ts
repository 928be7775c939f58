import type { LoaderFunctionArgs } from "@remix-run/node";
import { listQuerySchema, roadmapsResponseSchema } from "#app/domain/api/schemas.ts";
import { apiJson, pageOf, parseInput, runApi, searchParamsOf } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { roadmapSummaryView } from "#app/services/api.server.ts";
import { listOrganizationRoadmaps } from "#app/services/roadmap-plans.server.ts";

export const loader = ({ request }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request);
    const query = parseInput(listQuerySchema, searchParamsOf(request), "query");
    const roadmaps = (await listOrganizationRoadmaps(membership)).map(roadmapSummaryView);
    return apiJson(roadmapsResponseSchema, pageOf(roadmaps, query));
  });
