import { Form } from "@remix-run/react";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import type { RoadmapPageData } from "./page-data.ts";
import { isoDay } from "#app/domain/format.ts";

export function Gates({ data }: { data: RoadmapPageData }) {
  return (
    <section className="card" aria-labelledby="gates-heading">
      <h3 id="gates-heading">Phase gates</h3>
      <p className="muted small">A phase is complete when every exit criterion of its gate is ticked. Work of a later phase may start earlier; it is flagged.</p>
      <div className="gates">
        {data.gates.map((gate) => (
          <div key={gate.phase} className="gate">
            <h4>
              {PHASE_LABELS[gate.phase]} {gate.passed ? <span className="badge badge-closed">passed</span> : null}
            </h4>
            <ul>
              {gate.criteria.map((c) => (
                <li key={c.id}>
                  {data.canEdit ? (
                    <Form method="post" className="gate-criterion">
                      <input type="hidden" name="intent" value="gate" />
                      <input type="hidden" name="phase" value={gate.phase} />
                      <input type="hidden" name="criterion" value={c.id} />
                      <input type="hidden" name="checked" value={c.check ? "false" : "true"} />
                      <button type="submit" className="link-button" aria-pressed={c.check !== null} aria-label={`${c.text}: ${c.check ? "ticked, untick" : "not ticked, tick"}`}>
                        {c.check ? "☑" : "☐"}
                      </button>{" "}
                      {c.text}
                    </Form>
                  ) : (
                    <span>
                      {c.check ? "☑" : "☐"} {c.text}
                    </span>
                  )}
                  {c.check ? (
                    <span className="muted small">
                      {" "}
                      ticked by {c.check.checkedByName ?? "a former member"} on {isoDay(new Date(c.check.checkedAt))}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
