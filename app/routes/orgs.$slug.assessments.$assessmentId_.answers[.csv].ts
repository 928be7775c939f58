import type { LoaderFunctionArgs } from "@remix-run/node";
import { answeringUserErrors } from "#app/lib/errors.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { exportAnswersCsv } from "#app/services/assessment-results.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "answers.export");
  const csv = await answeringUserErrors(() => exportAnswersCsv(membership, params.assessmentId ?? ""));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="answers-${params.assessmentId}.csv"`,
    },
  });
}
