import { Link } from "@remix-run/react";
import { dayNumber } from "#app/domain/dates.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { PHASES } from "#app/domain/roadmap/phases.ts";
import { isOverdue, ITEM_STATUS_LABELS } from "#app/domain/roadmap/tracking.ts";
import type { RoadmapPageData } from "./page-data.ts";

/** A Gantt-style chart: one bar per initiative, milestones as diamonds, today as a line. */
export function Timeline({ data, base }: { data: RoadmapPageData; base: string }) {
  const initiatives = data.items.filter((i) => i.kind === "initiative");
  const dated = data.items.filter((i) => i.dueDate);
  const start = dayNumber(data.roadmap.startDate);
  const end = Math.max(start + 7, ...dated.map((i) => dayNumber(i.dueDate!)));
  const at = (iso: string) => `${(((dayNumber(iso) - start) / (end - start)) * 100).toFixed(2)}%`;
  const today = dayNumber(data.today);
  const todayInside = today >= start && today <= end;
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">Timeline</h3>
      <p className="muted small">
        Bars run from each initiative's start to its end; diamonds are milestones (filled when done). The line marks today ({data.today}). The list view has
        the same dates as a table.
      </p>
      <figure className="gantt" aria-label={`Timeline of ${initiatives.length} initiatives from ${data.roadmap.startDate} to ${data.summary.endDate}`}>
        {PHASES.map((phase) => {
          const rows = initiatives.filter((i) => i.phase === phase);
          if (rows.length === 0) return null;
          return (
            <div key={phase} className="gantt-phase">
              <div className="gantt-phase-label">{PHASE_LABELS[phase]}</div>
              {rows.map((item) => {
                const milestones = data.items.filter((m) => m.parentId === item.id && m.dueDate);
                const left = at(item.startDate ?? data.roadmap.startDate);
                const right = item.dueDate ?? item.startDate ?? data.roadmap.startDate;
                return (
                  <div key={item.id} className={`gantt-row status-${item.status}${isOverdue(item, data.today) ? " is-overdue" : ""}`}>
                    <div className="gantt-name">
                      <Link to={`${base}/items/${item.id}`}>{item.title}</Link>
                    </div>
                    <div className="gantt-track">
                      <span className="visually-hidden">
                        {item.startDate ?? data.roadmap.startDate} to {right}, {ITEM_STATUS_LABELS[item.status].toLowerCase()}
                        {isOverdue(item, data.today) ? ", overdue" : ""}; milestones: {milestones.map((m) => `${m.title} due ${m.dueDate}${m.status === "done" ? " (done)" : ""}`).join("; ") || "none"}
                      </span>
                      {todayInside ? <span className="gantt-today" style={{ left: at(data.today) }} /> : null}
                      <span className="gantt-bar" style={{ left, width: `calc(${at(right)} - ${left})` }} />
                      {milestones.map((m) => (
                        <span key={m.id} className={`gantt-milestone${m.status === "done" ? " done" : ""}`} style={{ left: at(m.dueDate!) }} title={`${m.title}: due ${m.dueDate}`} />
                      ))}
                    </div>
                  </div>
                );
              })}
            </div>
          );
        })}
      </figure>
    </section>
  );
}
