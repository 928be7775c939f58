import type { ActionFunctionArgs } from "@remix-run/node";
import { milestoneResponseSchema, milestoneUpdateSchema } from "#app/domain/api/schemas.ts";
import { apiError, apiJson, parseInput, readJsonBody, runApi } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { updateMilestone } from "#app/services/api.server.ts";

const METHODS = ["PATCH", "POST"];

/** PATCH (or POST, for clients that cannot send PATCH) with `{ status?, blockedReason?, evidence? }`. */
export const action = ({ request, params }: ActionFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request, "roadmap.edit");
    if (!METHODS.includes(request.method)) {
      apiError(405, "method_not_allowed", "Use PATCH to update a milestone.", { headers: { Allow: METHODS.join(", ") } });
    }
    const update = parseInput(milestoneUpdateSchema, await readJsonBody(request), "body");
    const result = await updateMilestone(membership, params.roadmapId ?? "", params.milestoneId ?? "", update);
    return apiJson(milestoneResponseSchema, result);
  });

export const loader = () => runApi(async () => apiError(405, "method_not_allowed", "Use PATCH to update a milestone.", { headers: { Allow: METHODS.join(", ") } }));
