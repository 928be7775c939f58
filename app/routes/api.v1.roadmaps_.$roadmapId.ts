import type { LoaderFunctionArgs } from "@remix-run/node";
import { roadmapResponseSchema } from "#app/domain/api/schemas.ts";
import { apiJson, runApi } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { apiRoadmap } from "#app/services/api.server.ts";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request);
    return apiJson(roadmapResponseSchema, await apiRoadmap(membership, params.roadmapId ?? ""));
  });
