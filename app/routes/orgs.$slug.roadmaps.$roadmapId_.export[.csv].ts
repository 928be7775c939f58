import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "#app/services/access.server.ts";
import { exportRoadmapCsv } from "#app/services/roadmap-exports.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const { csv, filename } = await exportRoadmapCsv(membership, params.roadmapId ?? "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
