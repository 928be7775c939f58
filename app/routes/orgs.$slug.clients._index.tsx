import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "#app/domain/organization-options.ts";
import { portfolioQuerySchema } from "#app/domain/portfolio-query.ts";
import {
  filterPortfolio,
  heatBand,
  MAX_COMPARED,
  MIN_COMPARED,
  sortPortfolio,
  type PortfolioSort,
} from "#app/domain/portfolio.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { can } from "#app/domain/permissions.ts";
import { CHART_COLORS } from "#app/components/chart-colors.ts";
import { SeriesChart } from "#app/components/series-chart.tsx";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { requireMembership } from "#app/services/access.server.ts";
import { loadPortfolio } from "#app/services/engagements.server.ts";
import { oneDecimal } from "#app/domain/format.ts";

export const meta: MetaFunction = () => [{ title: "Clients · KAM Navigator" }];

const STATUS_LABELS = { draft: "Draft", open: "Collecting answers", closed: "Closed" } as const;
const ENGAGEMENT_ROLE_NAMES = { viewer: "Viewer", admin: "Admin" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const url = new URL(request.url);
  const parsed = portfolioQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const query = parsed.success ? parsed.data : portfolioQuerySchema.parse({});
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);

  const { rows, dimensions } = await loadPortfolio(membership);
  const shown = sortPortfolio(filterPortfolio(rows, query), query.sort, query.dir === "desc");

  const compareSlugs = [...new Set(url.searchParams.getAll("compare"))];
  const compared = compareSlugs.flatMap((slug) => rows.filter((row) => row.slug === slug && row.scored));
  if (compareSlugs.length > 0 && compared.length < compareSlugs.length) {
    problems.push("Only clients with a closed assessment can be compared; the others were left out.");
  }
  if (compareSlugs.length > MAX_COMPARED) problems.push(`Compare at most ${MAX_COMPARED} clients at a time.`);
  else if (compareSlugs.length > 0 && compared.length < MIN_COMPARED) problems.push(`Choose at least ${MIN_COMPARED} clients with a closed assessment to compare.`);

  const serialize = (row: (typeof rows)[number]) => ({
    slug: row.slug,
    name: row.name,
    industry: row.industry,
    sizeBand: row.sizeBand,
    region: row.region,
    role: row.role,
    engagementId: row.engagementId,
    latest: row.latest,
    index: row.scored?.index ?? null,
    stage: row.scored?.stage ?? null,
    scoredAssessmentId: row.scored?.assessmentId ?? null,
    scores: dimensions.map((d) => row.scored?.dimensions[d.id] ?? null),
    change: row.change,
    roadmap: row.roadmap,
  });
  const body = {
    slug: membership.organization.slug,
    canAddClients: can(membership, "clients.manage"),
    total: rows.length,
    query,
    problems,
    dimensions,
    clients: shown.map(serialize),
    compared: compared.length >= MIN_COMPARED && compareSlugs.length <= MAX_COMPARED ? compared.map(serialize) : [],
    selected: compareSlugs,
  };
  return problems.length > 0 ? withStatus(body, { status: 400 }) : body;
}

const signed = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(1)}`);

export default function Portfolio() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const sortLink = (key: PortfolioSort) => {
    const next = new URLSearchParams(searchParams);
    const descending = data.query.sort === key ? data.query.dir === "asc" : key !== "name";
    next.set("sort", key);
    next.set("dir", descending ? "desc" : "asc");
    return `?${next.toString()}`;
  };
  const header = (key: PortfolioSort, label: string) => (
    <th scope="col" aria-sort={data.query.sort === key ? (data.query.dir === "desc" ? "descending" : "ascending") : "none"}>
      <Link to={sortLink(key)} className="sort-link" preventScrollReset>
        {label}
      </Link>
    </th>
  );
  const filtered = Boolean(data.query.industry || data.query.sizeBand || data.query.region);

  return (
    <div className="stack portfolio">
      <div className="page-head">
        <h2>Clients</h2>
        <div className="actions">
          {data.total > 0 ? (
            <a className="button button-secondary" href={`/orgs/${data.slug}/clients.csv`} download>
              Export CSV
            </a>
          ) : null}
          {data.canAddClients ? (
            <Link className="button" to={`/orgs/${data.slug}/clients/new`}>
              New client
            </Link>
          ) : null}
        </div>
      </div>
      {data.problems.length > 0 ? (
        <div className="banner banner-error" role="alert">
          {data.problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      ) : null}

      {data.total === 0 ? (
        <div className="empty card">
          <h3>No clients yet</h3>
          <p>
            Create a client organization to run its assessment and roadmap from here, or ask an existing organization&apos;s
            owner for an engagement link from their settings page.
          </p>
          {data.canAddClients ? (
            <Link className="button" to={`/orgs/${data.slug}/clients/new`}>
              Create a client
            </Link>
          ) : null}
        </div>
      ) : (
        <>
          <section className="card" aria-labelledby="clients-heading">
            <h3 id="clients-heading">
              {data.clients.length} of {data.total} {data.total === 1 ? "client" : "clients"}
            </h3>
            <Form method="get" className="inline-form filters" preventScrollReset>
              <FilterSelect name="industry" label="Industry" options={INDUSTRIES} value={data.query.industry} />
              <FilterSelect name="sizeBand" label="Size" options={SIZE_BANDS} value={data.query.sizeBand} />
              <FilterSelect name="region" label="Region" options={REGIONS} value={data.query.region} />
              <input type="hidden" name="sort" value={data.query.sort} />
              <input type="hidden" name="dir" value={data.query.dir} />
              <button type="submit" className="button button-secondary">
                Filter
              </button>
              {filtered ? <Link to="?">Clear filters</Link> : null}
            </Form>
            {data.clients.length === 0 ? (
              <p className="muted">No client matches these filters.</p>
            ) : (
              <Form method="get" id="compare-form" preventScrollReset>
                {(["industry", "sizeBand", "region", "sort", "dir"] as const).map((key) =>
                  data.query[key] ? <input key={key} type="hidden" name={key} value={data.query[key]} /> : null,
                )}
                <ScrollTable label="Clients table">
                  <thead>
                    <tr>
                      <th scope="col">Compare</th>
                      {header("name", "Client")}
                      {header("index", "Latest index")}
                      <th scope="col">Stage</th>
                      {header("change", "Change")}
                      <th scope="col">Assessment</th>
                      {header("progress", "Roadmap")}
                      {header("overdue", "Overdue")}
                      <th scope="col">Engagement</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.clients.map((client) => (
                      <tr key={client.slug}>
                        <td data-label="Compare">
                          <input
                            type="checkbox"
                            name="compare"
                            value={client.slug}
                            defaultChecked={data.selected.includes(client.slug)}
                            disabled={client.index === null && client.scores.every((s) => s === null)}
                            aria-label={`Compare ${client.name}`}
                          />
                        </td>
                        <th scope="row" data-label="Client">
                          <span>
                            <Link to={`/orgs/${client.slug}`}>{client.name}</Link>
                            <span className="muted small">
                              {client.industry} · {client.sizeBand} · {client.region}
                            </span>
                          </span>
                        </th>
                        <td data-label="Latest index">
                          {client.scoredAssessmentId ? (
                            <Link to={`/orgs/${client.slug}/assessments/${client.scoredAssessmentId}/results`}>{oneDecimal(client.index)}</Link>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td data-label="Stage">{client.stage ? `${client.stage.level}: ${client.stage.label}` : "—"}</td>
                        <td data-label="Change">{signed(client.change)}</td>
                        <td data-label="Assessment">
                          {client.latest ? (
                            <span>
                              <Link to={`/orgs/${client.slug}/assessments/${client.latest.id}`}>{client.latest.title}</Link>
                              <span className={`badge badge-${client.latest.status}`}>{STATUS_LABELS[client.latest.status]}</span>
                            </span>
                          ) : (
                            <span className="muted">None yet</span>
                          )}
                        </td>
                        <td data-label="Roadmap">
                          {client.roadmap ? (
                            <span>
                              <Link to={`/orgs/${client.slug}/roadmaps/${client.roadmap.id}`}>
                                {client.roadmap.phase ? PHASE_LABELS[client.roadmap.phase] : "All phases done"}
                              </Link>
                              <span className="progress-inline">
                                <progress max={client.roadmap.total || 1} value={client.roadmap.done} aria-label={`${client.name} roadmap progress`} />{" "}
                                {Math.round(client.roadmap.share * 100)} %
                              </span>
                            </span>
                          ) : (
                            <span className="muted">No roadmap</span>
                          )}
                        </td>
                        <td data-label="Overdue" className={client.roadmap && client.roadmap.overdue > 0 ? "overdue" : undefined}>
                          {client.roadmap ? client.roadmap.overdue : "—"}
                        </td>
                        <td data-label="Engagement">
                          <span>
                            {ENGAGEMENT_ROLE_NAMES[client.role]}{" "}
                            {data.canAddClients ? (
                              <Link
                                className="small"
                                to={`/orgs/${data.slug}/clients/end?engagement=${client.engagementId}`}
                                aria-label={`End the engagement with ${client.name}`}
                              >
                                End
                              </Link>
                            ) : null}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollTable>
                <div className="actions">
                  <button type="submit" className="button">
                    Compare selected
                  </button>
                  <span className="muted">
                    Tick {MIN_COMPARED} to {MAX_COMPARED} clients with a closed assessment.
                  </span>
                </div>
              </Form>
            )}
          </section>

          {data.compared.length > 0 ? <Compare clients={data.compared} dimensions={data.dimensions} /> : null}

          <Heatmap clients={data.clients} dimensions={data.dimensions} />
        </>
      )}
    </div>
  );
}

function FilterSelect({ name, label, options, value }: { name: string; label: string; options: readonly string[]; value?: string }) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </div>
  );
}

type ClientView = ReturnType<typeof useLoaderData<typeof loader>>["clients"][number];

function Compare({ clients, dimensions }: { clients: ClientView[]; dimensions: { id: string; name: string }[] }) {
  const series = clients.map((client, i) => ({
    label: client.name,
    data: client.scores,
    color: CHART_COLORS.functions[i % CHART_COLORS.functions.length]!,
  }));
  return (
    <section className="card" aria-labelledby="compare-heading">
      <h3 id="compare-heading">Compare {clients.length} clients</h3>
      <p className="muted">Each client&apos;s latest closed assessment, dimension by dimension on the 1–5 scale.</p>
      <div className="chart-and-table">
        <SeriesChart kind="radar" title="Clients compared" labels={dimensions.map((d) => d.name)} series={series} />
        <ScrollTable label="Clients compared, as a table">
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              {clients.map((client) => (
                <th scope="col" key={client.slug}>
                  {client.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Index</th>
              {clients.map((client) => (
                <td key={client.slug} data-label={client.name}>
                  {oneDecimal(client.index)}
                </td>
              ))}
            </tr>
            {dimensions.map((dimension, d) => (
              <tr key={dimension.id}>
                <th scope="row">{dimension.name}</th>
                {clients.map((client) => (
                  <td key={client.slug} data-label={client.name}>
                    {oneDecimal(client.scores[d] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </div>
    </section>
  );
}

const BAND_LABELS = { 1: "1.0–1.9", 2: "2.0–2.9", 3: "3.0–3.9", 4: "4.0–5.0" } as const;

/** Clients × dimensions as a table whose cells are colored by score band; the numbers stay in the cells. */
function Heatmap({ clients, dimensions }: { clients: ClientView[]; dimensions: { id: string; name: string }[] }) {
  const scored = clients.filter((client) => client.scoredAssessmentId);
  return (
    <section className="card" aria-labelledby="heatmap-heading">
      <h3 id="heatmap-heading">Heatmap: clients by dimension</h3>
      {scored.length === 0 || dimensions.length === 0 ? (
        <p className="muted">The heatmap fills in once a client closes an assessment.</p>
      ) : (
        <>
          <p className="heat-legend" aria-label="Color key">
            {([1, 2, 3, 4] as const).map((band) => (
              <span key={band} className={`heat heat-${band}`}>
                {BAND_LABELS[band]}
              </span>
            ))}
            <span className="heat heat-none">No score</span>
          </p>
          <div className="table-wrap" role="region" aria-label="Heatmap table" tabIndex={0}>
            <table className="heatmap">
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  {dimensions.map((dimension) => (
                    <th scope="col" key={dimension.id}>
                      <span className="heat-dimension">{dimension.name}</span>
                    </th>
                  ))}
                  <th scope="col">Index</th>
                </tr>
              </thead>
              <tbody>
                {scored.map((client) => (
                  <tr key={client.slug}>
                    <th scope="row">{client.name}</th>
                    {client.scores.map((score, d) => (
                      <td key={dimensions[d]!.id} className={`heat heat-${heatBand(score) ?? "none"}`}>
                        {oneDecimal(score)}
                      </td>
                    ))}
                    <td className={`heat heat-${heatBand(client.index) ?? "none"}`}>{oneDecimal(client.index)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
