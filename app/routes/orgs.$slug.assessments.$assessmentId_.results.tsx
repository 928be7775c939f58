import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { resultsView } from "#app/domain/results-view.ts";
import { iqrText, percentileText, poolFromSearchParams, segmentFromSearchParams, segmentSearch, type BenchmarkCell } from "#app/domain/benchmark-view.ts";
import { can } from "#app/domain/permissions.ts";
import { BenchmarkSegmentForm } from "#app/components/benchmark-segment-form.tsx";
import { CHART_COLORS } from "#app/components/chart-colors.ts";
import { SeriesChart, type ChartSeries } from "#app/components/series-chart.tsx";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { requireMembership } from "#app/services/access.server.ts";
import { loadAssessmentResults, loadComparison } from "#app/services/assessment-results.server.ts";
import { availablePools, choosePool, loadAssessmentBenchmark } from "#app/services/benchmarks.server.ts";
import { benchmarkMessages } from "#app/messages/benchmarks.ts";
import { privacyMessages } from "#app/messages/privacy.ts";
import { formatMonthYear, oneDecimal } from "#app/domain/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Results: ${data?.title ?? "assessment"} · KAM Navigator` }];

const scoreText = (d: { score: number | null; n: number }, minimum: number) =>
  d.score !== null ? oneDecimal(d.score) : d.n > 0 ? privacyMessages.dimensionTooFew(minimum) : "insufficient data";
const benchmarkCellText = (c: BenchmarkCell | null | undefined) => (c ? `${oneDecimal(c.median)} (${iqrText(c)}), ${percentileText(c.percentileRank)}` : "—");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const results = await loadAssessmentResults(membership, params.assessmentId ?? "");
  const { assessment, version, scorecard, provisional, focus, perception } = results;
  const search = new URL(request.url).searchParams;
  const filter = segmentFromSearchParams(search);
  const pool = choosePool(membership, poolFromSearchParams(search));
  return {
    slug: membership.organization.slug,
    canExportAnswers: can(membership, "answers.export"),
    answersExportable: results.scorecard.respondentCount >= results.scorecard.minimumGroupSize,
    id: assessment.id,
    title: assessment.title,
    questionnaire: `${textIn(version.title)} ${version.version}`,
    provisional,
    ...resultsView(version, scorecard, perception, focus),
    comparison: await loadComparison(results),
    filter,
    pool,
    pools: availablePools(membership),
    benchmark: await loadAssessmentBenchmark(membership, results, filter, pool),
  };
}

type SortKey = "order" | "score" | "gap" | "rank" | "n" | "sd" | "coverage";

export default function Results() {
  const data = useLoaderData<typeof loader>();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "order", descending: false });
  const labels = data.dimensions.map((d) => d.name);
  const benchmark = data.benchmark;
  const shownBenchmark = benchmark && !benchmark.suppressed ? benchmark : null;
  const benchmarkHeader = shownBenchmark?.sampleData ? "Benchmark (sample data)" : "Benchmark";
  const profileSeries: ChartSeries[] = useMemo(
    () => [
      { label: "Current profile", data: data.dimensions.map((d) => d.score), color: CHART_COLORS.current },
      { label: data.targetSource === "organization" ? "Your target" : "Target (best practice)", data: data.dimensions.map((d) => d.target), color: CHART_COLORS.target, dashed: true },
      { label: "Best practice", data: data.dimensions.map((d) => d.bestPractice), color: CHART_COLORS.bestPractice, dashed: true },
      ...(data.benchmark && !data.benchmark.suppressed
        ? [{ label: data.benchmark.seriesLabel, data: data.benchmark.dimensions.map((c) => c?.median ?? null), color: CHART_COLORS.benchmark, dotted: true }]
        : []),
    ],
    [data],
  );
  const functionSeries: ChartSeries[] = useMemo(
    () => data.functions.map((f, i) => ({ label: f.label, data: f.scores, color: CHART_COLORS.functions[i % CHART_COLORS.functions.length]! })),
    [data],
  );
  const rows = [...data.dimensions].sort((a, b) => {
    const av = a[sort.key] ?? -Infinity;
    const bv = b[sort.key] ?? -Infinity;
    return (sort.descending ? -1 : 1) * (av < bv ? -1 : av > bv ? 1 : a.order - b.order);
  });
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : "none"}>
      <button type="button" className="sort-button" onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== "rank" && key !== "order" }))}>
        {label}
      </button>
    </th>
  );

  return (
    <div className="stack results">
      <p className="eyebrow">
        <Link to={`/orgs/${data.slug}/assessments/${data.id}`}>{data.title}</Link> · {data.questionnaire}
      </p>
      {data.provisional ? (
        <p className="banner banner-error" role="status">
          Provisional: the assessment is still open, so these numbers change as answers come in.
        </p>
      ) : null}
      <section className="result-header card" aria-label="Summary">
        <div>
          <p className="muted">KAM maturity index</p>
          <p className="big-number">{oneDecimal(data.index)}</p>
          <p>{data.stage ?? "Not enough answers yet"}</p>
        </div>
        <div>
          <p className="muted">Weakest dimension</p>
          <p className="medium-number">{data.weakest ? oneDecimal(data.weakest.score) : "—"}</p>
          <p>{data.weakest?.name ?? "—"}</p>
        </div>
        <div>
          <p className="muted">Responses</p>
          <p className="medium-number">{data.respondentCount}</p>
          <p>respondents with answers</p>
          <p className="muted small">{privacyMessages.rule(data.privacy.minimumGroupSize)}</p>
        </div>
        {benchmark ? (
          <div>
            <p className="muted">Benchmark index (median)</p>
            {shownBenchmark?.index ? (
              <>
                <p className="medium-number">{oneDecimal(shownBenchmark.index.median)}</p>
                <p>
                  IQR {iqrText(shownBenchmark.index)};{" "}
                  {shownBenchmark.index.percentileRank === null ? "no index to rank yet" : `this assessment is at the ${percentileText(shownBenchmark.index.percentileRank)}`}
                </p>
              </>
            ) : (
              <>
                <p className="medium-number">—</p>
                <p>{benchmark.suppressed}</p>
              </>
            )}
            <p className="muted small">
              {benchmark.poolLabel}, {benchmark.segment}
              {shownBenchmark ? `, n = ${shownBenchmark.n}` : ""}
            </p>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="benchmark-heading">
        <h2 id="benchmark-heading">Benchmark</h2>
        {benchmark ? (
          <>
            <p>
              Compare these results with the {benchmark.poolLabel}: the median and interquartile range (IQR, the middle half) of the organizations in a
              segment, and where this assessment ranks among them. Statistics are shown only over 5 or more organizations.
            </p>
            <BenchmarkSegmentForm filter={data.filter} pool={data.pool} pools={data.pools} />
            <p role="status" className={benchmark.suppressed ? "banner" : undefined}>
              {benchmark.suppressed
                ? `No benchmark for ${benchmark.segment} in the ${benchmark.poolLabel}: ${benchmark.suppressed}.`
                : `${shownBenchmark!.n} organizations in the ${benchmark.poolLabel}, ${benchmark.segment}.`}
            </p>
          </>
        ) : (
          <p className="muted">{benchmarkMessages.notBenchmarked}</p>
        )}
      </section>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile against target and best practice</h2>
        <div className="chart-and-table">
          <SeriesChart kind="radar" title="Maturity profile" labels={labels} series={profileSeries} />
          <ScrollTable label="Profile numbers">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Current</th>
                <th scope="col">Target</th>
                <th scope="col">Best practice</th>
                {/* A soft hyphen lets the long header break in the narrow table beside the chart. */}
                {shownBenchmark ? <th scope="col">{shownBenchmark.sampleData ? "Bench\u00admark median (sample data)" : "Bench\u00admark median"}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.dimensions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.name}</th>
                  <td data-label="Current">{scoreText(d, data.privacy.minimumGroupSize)}</td>
                  <td data-label="Target">{d.target}</td>
                  <td data-label="Best practice">{d.bestPractice}</td>
                  {shownBenchmark ? <td data-label="Benchmark median">{oneDecimal(shownBenchmark.dimensions[d.order]?.median ?? null)}</td> : null}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
      </section>

      {data.focus.length > 0 ? (
        <section className="card" aria-labelledby="focus-heading">
          <h2 id="focus-heading">Where to focus</h2>
          <ol className="focus-list">
            {data.focus.map((f) => (
              <li key={f.name}>
                <h3>
                  {f.name}: gap {f.gap.toFixed(1)}
                </h3>
                <details>
                  <summary>How this score came about</summary>
                  <ul>
                    {f.explanation.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section className="card" aria-labelledby="dimensions-heading">
        <h2 id="dimensions-heading">Dimensions</h2>
        <ScrollTable labelledBy="dimensions-heading">
          <thead>
            <tr>
              {header("order", "Dimension")}
              {header("score", "Score")}
              <th scope="col">Target</th>
              {header("gap", "Gap")}
              {header("rank", "Priority")}
              {header("n", "n")}
              {header("sd", "SD")}
              <th scope="col">Consensus</th>
              {header("coverage", "Coverage")}
              {shownBenchmark ? <th scope="col">{benchmarkHeader}: median (IQR), rank</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <Link to={`/orgs/${data.slug}/assessments/${data.id}/results/${d.id}`}>{d.name}</Link>
                </th>
                <td data-label="Score">{scoreText(d, data.privacy.minimumGroupSize)}</td>
                <td data-label="Target">{d.target}</td>
                <td data-label="Gap">{oneDecimal(d.gap)}</td>
                <td data-label="Priority">{d.rank ?? "—"}</td>
                <td data-label="n">{d.n}</td>
                <td data-label="SD">{d.sd === null ? "—" : d.sd.toFixed(2)}</td>
                <td data-label="Consensus">{d.consensus ?? "—"}</td>
                <td data-label="Coverage">{d.coverage === null ? "—" : `${Math.round(d.coverage * 100)} %`}</td>
                {shownBenchmark ? <td data-label="Benchmark">{benchmarkCellText(shownBenchmark.dimensions[d.order])}</td> : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>

      {data.functions.length > 1 || data.privacy.notes.length > 0 ? (
        <section className="card" aria-labelledby="perception-heading">
          <h2 id="perception-heading">Perception gaps between functions</h2>
          {data.privacy.notes.map((note) => (
            <p key={note} className="banner" role="note">
              {note}
            </p>
          ))}
          {data.perception.length > 0 ? (
            <ul>
              {data.perception.map((p) => (
                <li key={p.dimension}>
                  <strong>{p.dimension}</strong>: {p.low} against {p.high}, a difference of {p.spread.toFixed(1)} levels.
                </li>
              ))}
            </ul>
          ) : null}
          {data.functions.length > 1 ? (
          <div className="chart-and-table">
            <SeriesChart kind="radar" title="Profile per function" labels={labels} series={functionSeries} />
            <ScrollTable label="Scores per function">
              <thead>
                <tr>
                  <th scope="col">Dimension</th>
                  {data.functions.map((f) => (
                    <th scope="col" key={f.label}>
                      {f.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.dimensions.map((d, i) => (
                  <tr key={d.id}>
                    <th scope="row">{d.name}</th>
                    {data.functions.map((f) => (
                      <td key={f.label} data-label={f.label}>
                        {f.withheld[i] ? <abbr title="hidden to protect a small group">—</abbr> : oneDecimal(f.scores[i] ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
          ) : null}
        </section>
      ) : null}
      {data.comparison ? <ChangeOverTime comparison={data.comparison} provisional={data.provisional} /> : null}

      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <p className="actions">
          <a className="button" href={`/orgs/${data.slug}/assessments/${data.id}/report.pdf${segmentSearch(data.filter, data.pool)}`} download>
            Board report (PDF)
          </a>
          <a className="button button-secondary" href={`/orgs/${data.slug}/assessments/${data.id}/scorecard.json`} download>
            Scorecard (JSON)
          </a>
          {data.canExportAnswers && data.answersExportable ? (
            <a className="button button-secondary" href={`/orgs/${data.slug}/assessments/${data.id}/answers.csv`} download>
              Raw answers (CSV)
            </a>
          ) : null}
        </p>
        <p className="muted small">
          The board report carries the benchmark segment chosen above. Scored by engine {data.engineVersion}.{" "}
          {data.canExportAnswers
            ? data.answersExportable
              ? privacyMessages.exportNote(data.privacy.minimumGroupSize)
              : privacyMessages.exportTooFew(data.privacy.minimumGroupSize)
            : null}
        </p>
      </section>
    </div>
  );
}

type ComparisonData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["comparison"]>;

const signed = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toFixed(1)}`);
const trendClass = (v: number | null) => (v === null || Math.abs(v) < 0.05 ? "trend-flat" : v > 0 ? "trend-up" : "trend-down");

/** Change since the previous assessment, and the index and dimensions over time. */
function ChangeOverTime({ comparison, provisional }: { comparison: ComparisonData; provisional: boolean }) {
  const { changes, points, acrossVersions } = comparison;
  const pointLabels = points.map((p) => `${p.title} (${p.provisional ? "now, provisional" : formatMonthYear(p.date)})`);
  const series: ChartSeries[] = useMemo(
    () => [
      { label: "Maturity index", data: points.map((p) => p.index), color: "#111827", bold: true },
      ...changes.dimensions.map((d, i) => ({
        label: d.name,
        data: points.map((p) => p.scores[i] ?? null),
        color: CHART_COLORS.functions[i % CHART_COLORS.functions.length]!,
        dashed: i >= CHART_COLORS.functions.length,
      })),
    ],
    [points, changes],
  );
  return (
    <section className="card" aria-labelledby="change-heading">
      <h2 id="change-heading">Change over time</h2>
      <p>
        Since <strong>{changes.previous.title}</strong> ({formatMonthYear(changes.previous.date)}){provisional ? ", against this assessment's provisional numbers" : ""}.
      </p>
      {acrossVersions ? (
        <p className="banner" role="note">
          These assessments used different questionnaire versions ({acrossVersions.versions.join(", ")}). Only the {acrossVersions.questionsCounted} of{" "}
          {acrossVersions.questionsInVersion} questions that stayed the same across them count here, so these numbers can differ from each assessment&apos;s own results.
        </p>
      ) : null}
      <SeriesChart kind="line" title="Maturity index and dimensions over time" labels={pointLabels} series={series} />
      <ScrollTable label="Scores over time and change since the previous assessment">
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            {points.map((p, i) => (
              <th scope="col" key={p.id}>
                {pointLabels[i]}
              </th>
            ))}
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s, row) => {
            const delta = row === 0 ? changes.index.change : changes.dimensions[row - 1]!.change;
            return (
              <tr key={s.label} className={row === 0 ? "row-strong" : undefined}>
                <th scope="row">{s.label}</th>
                {s.data.map((v, i) => (
                  <td key={points[i]!.id} data-label={pointLabels[i]}>
                    {oneDecimal(v)}
                  </td>
                ))}
                <td data-label="Change" className={trendClass(delta)}>
                  {signed(delta)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
    </section>
  );
}
