import { Link } from "@remix-run/react";

export interface WaitingAssessment {
  assessmentId: string;
  title: string;
  organizationSlug: string;
  organizationName: string;
  answered: number;
  total: number;
}

/** Open assessments in which the signed-in member is a respondent and has not submitted yet. */
export function WaitingForAnswers({ items, showOrganization }: { items: WaitingAssessment[]; showOrganization: boolean }) {
  return (
    <section className="card" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">Waiting for your answers</h2>
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.assessmentId}>
            <Link to={`/orgs/${item.organizationSlug}/assessments/${item.assessmentId}/respond`}>
              {item.answered > 0 ? "Continue" : "Answer"} “{item.title}”
            </Link>
            {showOrganization ? <span className="muted small"> · {item.organizationName}</span> : null}
            <br />
            <progress max={item.total} value={item.answered} aria-label={`${item.title}: ${item.answered} of ${item.total} answered`} />{" "}
            <span className="muted small">
              {item.answered} of {item.total} questions answered
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
