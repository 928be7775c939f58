import type { BenchmarkPoolKind } from "#app/domain/benchmark-view.ts";
import type { SegmentFilterInput } from "#app/domain/benchmarks.ts";
import { buildReport, type Report } from "#app/domain/report.ts";
import type { Membership } from "./access.server.ts";
import { loadAssessmentResults, loadComparison } from "./assessment-results.server.ts";
import { choosePool, loadAssessmentBenchmark } from "./benchmarks.server.ts";
import { loadReportRoadmap } from "./roadmap-dashboard.server.ts";

/**
 * Everything the PDF report shows, read through the same access check as the results page,
 * with the benchmark of the segment the results page passed on (all organizations by default).
 */
export async function loadReport(
  membership: Membership,
  assessmentId: string,
  now = new Date(),
  segment: SegmentFilterInput = {},
  pool: BenchmarkPoolKind = "platform",
): Promise<Report> {
  const results = await loadAssessmentResults(membership, assessmentId);
  const { assessment } = results;
  return buildReport({
    ...results,
    organization: membership.organization.name,
    preparedBy: membership.engagement?.consultancy.name ?? null,
    title: assessment.title,
    asOf: assessment.closedAt && !results.provisional ? assessment.closedAt : now,
    targetProfile: assessment.targetProfile,
    comparison: await loadComparison(results),
    roadmap: results.provisional ? null : await loadReportRoadmap(membership, assessment, now),
    benchmark: await loadAssessmentBenchmark(membership, results, segment, choosePool(membership, pool)),
  });
}
