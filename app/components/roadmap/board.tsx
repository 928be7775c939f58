import { Form, Link, useSearchParams } from "@remix-run/react";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "#app/domain/roadmap/tracking.ts";
import { Flags } from "./flags.tsx";
import type { RoadmapPageData, RoadmapPageItem } from "./page-data.ts";

function StatusForm({ item }: { item: RoadmapPageItem }) {
  return (
    <Form method="post" className="inline-form status-form">
      <input type="hidden" name="itemId" value={item.id} />
      <label className="visually-hidden" htmlFor={`status-${item.id}`}>
        Status of {item.title}
      </label>
      <select id={`status-${item.id}`} name="status" defaultValue={item.status === "blocked" ? "in_progress" : item.status}>
        {(["not_started", "in_progress", "done"] as const).map((s) => (
          <option key={s} value={s}>
            {ITEM_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary button-small">
        Save
      </button>
    </Form>
  );
}

/** Cards per column before "show all": a long not-started column would bury the others. */
const BOARD_LIMIT = 8;

export function Board({ data, base }: { data: RoadmapPageData; base: string }) {
  const [params] = useSearchParams();
  const showAll = params.get("all") === "1";
  const initiatives = data.items
    .filter((i) => i.kind === "initiative" && !i.noLongerNeeded)
    .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
  return (
    <section aria-labelledby="board-heading">
      <h3 id="board-heading" className="visually-hidden">
        Board
      </h3>
      <div className="board">
        {ITEM_STATUSES.map((status) => {
          const all = initiatives.filter((i) => i.status === status);
          const cards = showAll ? all : all.slice(0, BOARD_LIMIT);
          return (
            <section key={status} className="board-column" aria-labelledby={`column-${status}`}>
              <h4 id={`column-${status}`}>
                {ITEM_STATUS_LABELS[status]} <span className="muted">({all.length})</span>
              </h4>
              {cards.length === 0 ? <p className="muted small">Nothing here.</p> : null}
              <ul>
                {cards.map((item) => {
                  const milestones = data.items.filter((m) => m.parentId === item.id);
                  return (
                    <li key={item.id} className="board-card">
                      <Link to={`${base}/items/${item.id}`}>{item.title}</Link>
                      <p className="muted small">
                        {PHASE_LABELS[item.phase]} · due {item.dueDate ?? "—"} · {milestones.filter((m) => m.status === "done").length}/{milestones.length} milestones
                        {item.ownerName ? ` · ${item.ownerName}` : ""}
                      </p>
                      <Flags item={item} data={data} />
                      {data.canEdit && status !== "blocked" ? <StatusForm item={item} /> : null}
                    </li>
                  );
                })}
              </ul>
              {cards.length < all.length ? (
                <p className="small">
                  <Link to={`${base}?view=board&all=1`}>Show all {all.length}</Link>, soonest due first
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
    </section>
  );
}
