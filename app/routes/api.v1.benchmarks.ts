import type { LoaderFunctionArgs } from "@remix-run/node";
import { benchmarkQuerySchema, benchmarkResponseSchema } from "#app/domain/api/schemas.ts";
import { apiJson, parseInput, runApi, searchParamsOf } from "#app/lib/api.server.ts";
import { requireApiMembership } from "#app/services/access.server.ts";
import { loadBenchmark } from "#app/services/benchmarks.server.ts";

/** A segment's benchmark statistics with the token's organization as the subject, or why they are withheld. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  runApi(async () => {
    const membership = await requireApiMembership(request);
    const { questionnaire, version, pool, industry, sizeBand, region } = parseInput(benchmarkQuerySchema, searchParamsOf(request), "query");
    const loaded = await loadBenchmark(membership, { pool, questionnaire, version, filter: { industry, sizeBand, region } });
    const { benchmark } = loaded;
    const common = { questionnaire, version, pool: loaded.pool, poolLabel: loaded.poolLabel, sampleData: loaded.sampleData, segment: benchmark.filter };
    return apiJson(
      benchmarkResponseSchema,
      benchmark.suppressed
        ? { ...common, suppressed: true, reason: benchmark.reason, n: null, index: null, dimensions: [] }
        : { ...common, suppressed: false, reason: null, n: benchmark.n, index: benchmark.index, dimensions: benchmark.dimensions },
    );
  });
