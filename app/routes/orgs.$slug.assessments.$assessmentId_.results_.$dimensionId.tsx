import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { questionRows } from "#app/domain/results-view.ts";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { privacyMessages } from "#app/messages/privacy.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { loadDimensionDetail } from "#app/services/assessment-results.server.ts";
import { oneDecimal } from "#app/domain/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Dimension"} · KAM Navigator` }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const detail = await loadDimensionDetail(membership, params.assessmentId ?? "", params.dimensionId ?? "");
  const { questions, lowest } = questionRows(detail.version, detail.questions);
  return {
    slug: membership.organization.slug,
    id: detail.assessment.id,
    title: detail.assessment.title,
    provisional: detail.provisional,
    name: textIn(detail.dimension.name),
    description: textIn(detail.dimension.description),
    levels: ([1, 2, 3, 4, 5] as const).map((l) => `${l} ${textIn(detail.version.levels[l])}`),
    score: detail.stats.mean,
    n: detail.stats.n,
    minimumGroupSize: detail.scorecard.minimumGroupSize,
    consensus: detail.stats.consensus,
    explanation: detail.explanation,
    questions,
    lowest,
  };
}

export default function DimensionDetail() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="stack results">
      <p className="eyebrow">
        <Link to={`/orgs/${data.slug}/assessments/${data.id}/results`}>Results of {data.title}</Link>
      </p>
      <h2>{data.name}</h2>
      <p>{data.description}</p>
      {data.provisional ? <p className="banner banner-error" role="status">Provisional: the assessment is still open.</p> : null}
      <section className="card" aria-labelledby="score-heading">
        <h3 id="score-heading">
          Score {data.score === null ? `— ${data.n > 0 ? privacyMessages.dimensionTooFew(data.minimumGroupSize) : "insufficient data"}` : oneDecimal(data.score)} · n {data.n}
          {data.consensus ? ` · ${data.consensus}` : ""}
        </h3>
        <ul>
          {data.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      {data.lowest.length > 0 ? (
        <section className="card" aria-labelledby="lowest-heading">
          <h3 id="lowest-heading">Lowest-rated questions</h3>
          <ol>
            {data.lowest.map((q) => (
              <li key={q.questionId}>
                {q.text} <span className="muted">(mean {oneDecimal(q.mean)})</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {data.questions.map((q, i) => {
        if (q.levels === null) {
          return (
            <section key={q.questionId} className="card" aria-labelledby={`q-${q.questionId}`}>
              <h3 id={`q-${q.questionId}`}>
                {i + 1}. {q.text}
              </h3>
              <p className="muted small">{privacyMessages.questionTooFew(q.answered, data.minimumGroupSize)}</p>
            </section>
          );
        }
        const levels = q.levels;
        const answered = levels.reduce((a, b) => a + b, 0);
        const most = Math.max(1, ...levels);
        return (
          <section key={q.questionId} className="card" aria-labelledby={`q-${q.questionId}`}>
            <h3 id={`q-${q.questionId}`}>
              {i + 1}. {q.text}
            </h3>
            <p className="muted small">
              Mean {oneDecimal(q.mean)} from {answered} level answers · don't know {q.dontKnow} · not applicable {q.notApplicable}
            </p>
            <ScrollTable labelledBy={`q-${q.questionId}`}>
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col">Answers</th>
                  <th scope="col">
                    <span className="visually-hidden">Bar</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {levels.map((count, level) => (
                  <tr key={level}>
                    <th scope="row">{data.levels[level]}</th>
                    <td data-label="Answers">{count}</td>
                    <td aria-hidden="true" className="bar-cell">
                      <span className="bar" style={{ width: `${(count / most) * 100}%` }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
            {q.comments.length > 0 ? (
              <>
                <h4>Comments (without names, in alphabetical order)</h4>
                <ul className="comments">
                  {q.comments.map((c, j) => (
                    <li key={j}>{c}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
