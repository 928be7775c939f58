import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import type { RoadmapPageData } from "./page-data.ts";

/** Milestones done, overall and per phase, with what is overdue and blocked. */
export function RoadmapProgress({ progress }: { progress: RoadmapPageData["progress"] }) {
  return (
    <section className="card" aria-labelledby="progress-heading">
      <h3 id="progress-heading">Progress</h3>
      <label className="progress-label">
        <span>
          {progress.done} of {progress.total} milestones done ({Math.round(progress.share * 100)} %)
        </span>
        <progress max={Math.max(1, progress.total)} value={progress.done} />
      </label>
      <div className="phase-progress">
        {progress.phases.map((p) => (
          <label key={p.phase} className="progress-label">
            <span>
              {PHASE_LABELS[p.phase]}: {p.done} of {p.total}
              {p.overdue > 0 ? <span className="overdue"> · {p.overdue} overdue</span> : null}
              {p.blocked > 0 ? <span className="blocked"> · {p.blocked} blocked</span> : null}
            </span>
            <progress max={Math.max(1, p.total)} value={p.done} />
          </label>
        ))}
      </div>
    </section>
  );
}
