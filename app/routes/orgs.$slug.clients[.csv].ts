import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "#app/services/access.server.ts";
import { exportPortfolioCsv } from "#app/services/engagements.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const { csv, filename } = await exportPortfolioCsv(membership);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
