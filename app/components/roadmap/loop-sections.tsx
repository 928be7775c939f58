import { Form, Link, useSearchParams } from "@remix-run/react";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import type { RoadmapPageData } from "./page-data.ts";

// Closing the loop: regenerate from a re-assessment, measured change against the projection,
// exports (CSV, calendar feed).

const signed = (value: number | null) => (value === null ? "–" : value > 0 ? `+${value.toFixed(1)}` : value < 0 ? `−${Math.abs(value).toFixed(1)}` : "±0.0");
const oneDecimal = (value: number | null) => (value === null ? "–" : value.toFixed(1));

export function LoopSections({ data, base }: { data: RoadmapPageData; base: string }) {
  const { loop } = data;
  const [params] = useSearchParams();
  const regenerated = /^(\d+)-(\d+)$/.exec(params.get("regenerated") ?? "");
  const calendar = params.get("calendar");
  const sameAssessment = loop.latest?.id === loop.baseline.id;
  return (
    <>
      {regenerated ? (
        <p className="banner banner-success" role="status">
          Roadmap regenerated: {regenerated[1]} initiatives added, {regenerated[2]} no longer needed. Everything you tracked is kept.
        </p>
      ) : null}
      {loop.regenerateFrom && data.canEdit ? (
        <section className="card callout" aria-labelledby="regenerate-heading">
          <h3 id="regenerate-heading">A re-assessment is closed</h3>
          <p>
            “{loop.regenerateFrom.title}” was closed after the assessment this roadmap comes from. See which initiatives it adds and which are no longer
            needed before accepting; what you have tracked stays.
          </p>
          <p>
            <Link className="button" to={`${base}/regenerate?assessment=${loop.regenerateFrom.id}`}>
              Regenerate from {loop.regenerateFrom.title}
            </Link>
          </p>
        </section>
      ) : null}

      {loop.change ? (
        <section className="card" aria-labelledby="change-heading">
          <h3 id="change-heading">Projected vs measured</h3>
          <p className="muted small">
            Measured: the scores of “{loop.baseline.title}”, when the plan began, and of {sameAssessment ? "the same assessment (no re-assessment is closed yet)" : `“${loop.latest?.title}”, closed ${loop.latest?.closedAt}`}.
            Projected: the scores the plan expects once its last phase is done.
          </p>
          <ScrollTable labelledBy="change-heading">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">At the start</th>
                <th scope="col">Measured now</th>
                <th scope="col">Change</th>
                <th scope="col">Projected</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Maturity index</th>
                <td data-label="At the start">{oneDecimal(loop.change.index.baseline)}</td>
                <td data-label="Measured now">{oneDecimal(loop.change.index.measured)}</td>
                <td data-label="Change">{signed(loop.change.index.change)}</td>
                <td data-label="Projected">{oneDecimal(loop.change.index.projected)}</td>
              </tr>
              {loop.change.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.name}</th>
                  <td data-label="At the start">{oneDecimal(row.baseline)}</td>
                  <td data-label="Measured now">{oneDecimal(row.measured)}</td>
                  <td data-label="Change">{signed(row.change)}</td>
                  <td data-label="Projected">{oneDecimal(row.projected)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </section>
      ) : null}

      <section className="card" aria-labelledby="exports-heading">
        <h3 id="exports-heading">Exports</h3>
        <p>
          <a href={`${base}/export.csv`} download>
            Initiatives and milestones (CSV)
          </a>
        </p>
        <h4 id="calendar-heading">Calendar feed</h4>
        {calendar === "revoked" ? (
          <p className="banner banner-success" role="status">
            The calendar link is revoked; calendars subscribed to it no longer update.
          </p>
        ) : null}
        <p className="muted small">
          A secret link that calendar apps subscribe to: every milestone on its due date. {loop.calendarIssued ? "A link is active." : "No link is active."}
        </p>
        {data.canEdit ? (
          <div className="inline-form">
            <Form method="post" action={`${base}/calendar`}>
              <input type="hidden" name="intent" value="issue" />
              <button type="submit" className="button button-secondary">
                {loop.calendarIssued ? "Replace the calendar link" : "Create a calendar link"}
              </button>
            </Form>
            {loop.calendarIssued ? (
              <Form method="post" action={`${base}/calendar`}>
                <input type="hidden" name="intent" value="revoke" />
                <button type="submit" className="button button-danger">
                  Revoke the calendar link
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}
