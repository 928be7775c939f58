import { NavLink } from "@remix-run/react";

/** The progress bar and the list of pages with their completion; `base` is where the pages live. */
export function ProgressSummary({
  base,
  answered,
  total,
  dimensions,
}: {
  base: string;
  answered: number;
  total: number;
  dimensions: { id: string; name: string; answered: number; total: number }[];
}) {
  return (
    <div className="progress-summary">
      <label className="progress-label">
        <span>
          {answered} of {total} questions answered
        </span>
        <progress max={total} value={answered} />
      </label>
      <nav aria-label="Questionnaire pages">
        <ol className="page-list">
          {dimensions.map((d) => (
            <li key={d.id}>
              <NavLink to={`${base}/${d.id}`}>{d.name}</NavLink>{" "}
              <span className={d.answered === d.total ? "done" : "muted"}>
                {d.answered === d.total ? "✓ complete" : `${d.answered}/${d.total}`}
              </span>
            </li>
          ))}
        </ol>
      </nav>
    </div>
  );
}
