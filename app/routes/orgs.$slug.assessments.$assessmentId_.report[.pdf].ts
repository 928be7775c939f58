import type { LoaderFunctionArgs } from "@remix-run/node";
import { poolFromSearchParams, segmentFromSearchParams } from "#app/domain/benchmark-view.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { renderReportPdf } from "#app/services/report-pdf.server.ts";
import { loadReport } from "#app/services/report.server.ts";

/**
 * The board report as a PDF download, for every member who may read the results. The
 * benchmark segment comes as the results page's query parameters (pool, industry, sizeBand, region).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const search = new URL(request.url).searchParams;
  const report = await loadReport(membership, params.assessmentId ?? "", new Date(), segmentFromSearchParams(search), poolFromSearchParams(search));
  const pdf = await renderReportPdf(report);
  const name = report.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "assessment";
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="kam-report-${name}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
