import { Link } from "@remix-run/react";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { ITEM_STATUS_LABELS } from "#app/domain/roadmap/tracking.ts";
import type { ItemPageData } from "./item-page-data.ts";

/** What the item is, why it is in the plan, who owns it, its dates, dependencies and milestones. */
export function ItemFacts({ data, itemPath }: { data: ItemPageData; itemPath: (id: string) => string }) {
  const { item } = data;
  return (
    <section className="card" aria-labelledby="about-heading">
      <h3 id="about-heading">About this {item.kind}</h3>
      <dl className="facts">
        <dt>Phase</dt>
        <dd>{PHASE_LABELS[item.phase]}</dd>
        {item.dimension ? (
          <>
            <dt>Dimension</dt>
            <dd>
              {data.dimensionName ?? item.dimension}
              {item.level ? ` (towards level ${item.level})` : null}
            </dd>
          </>
        ) : null}
        <dt>{item.kind === "milestone" ? "Acceptance criterion" : "Description"}</dt>
        <dd>{item.description || "—"}</dd>
        {item.reason ? (
          <>
            <dt>Why it is in the plan</dt>
            <dd>{item.reason}</dd>
          </>
        ) : null}
        <dt>Owner</dt>
        <dd>
          {data.owner ?? "No owner yet"}
          {item.ownerRole ? <span className="muted small"> · suggested role: {item.ownerRole}</span> : null}
        </dd>
        <dt>Dates</dt>
        <dd>
          {item.startDate ? `${item.startDate} to ` : "due "}
          {item.dueDate ?? "no date"}
        </dd>
        <dt>Status</dt>
        <dd>
          {ITEM_STATUS_LABELS[item.status]}
          {item.status === "blocked" && item.blockedReason ? (
            <>
              {" "}
              <span className="flag blocked">blocked: {item.blockedReason}</span>
            </>
          ) : null}
        </dd>
        <dt>Depends on</dt>
        <dd>
          {data.dependencies.length === 0 ? (
            "nothing"
          ) : (
            <ul className="plain-list">
              {data.dependencies.map((d) => (
                <li key={d.id}>
                  <Link to={itemPath(d.id)}>{d.title}</Link> <span className="muted small">({ITEM_STATUS_LABELS[d.status]})</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        {data.parent ? (
          <>
            <dt>Initiative</dt>
            <dd>
              <Link to={itemPath(data.parent.id)}>{data.parent.title}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {item.kind === "initiative" ? (
        <>
          <h4>Milestones</h4>
          {data.milestones.length === 0 ? <p className="muted">No milestones.</p> : null}
          <ul className="plain-list">
            {data.milestones.map((ms) => (
              <li key={ms.id}>
                <Link to={itemPath(ms.id)}>{ms.title}</Link>{" "}
                <span className="muted small">
                  · {ITEM_STATUS_LABELS[ms.status]} · due {ms.dueDate ?? "—"}
                  {ms.ownerName ? ` · ${ms.ownerName}` : ""}
                  {ms.removedAt ? " · removed" : ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
