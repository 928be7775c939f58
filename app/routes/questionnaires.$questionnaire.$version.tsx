import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { citation } from "#app/domain/questionnaire/bibliography.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { requireAuth } from "#app/lib/auth.server.ts";
import { notFound } from "#app/lib/errors.server.ts";
import { getQuestionnaireVersion } from "#app/services/surveys.server.ts";
import { VERSION_STATUS_LABELS as STATUS_LABELS } from "#app/messages/questionnaires.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Questionnaire"} ${data?.version ?? ""} · KAM Navigator` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAuth(request);
  const stored = await getQuestionnaireVersion(params.questionnaire ?? "", params.version ?? "");
  if (!stored) notFound();
  const v = stored.version;
  // Shaped to plain strings here, so the page ships no schema or locale logic.
  return {
    questionnaire: v.questionnaire,
    version: v.version,
    status: stored.status,
    contentHash: stored.contentHash,
    title: textIn(v.title),
    description: textIn(v.description),
    levels: ([1, 2, 3, 4, 5] as const).map((level) => ({ level, label: textIn(v.levels[level]) })),
    scoring: v.scoring,
    references: [...new Set(v.dimensions.flatMap((d) => d.sources).map((key) => citation(key).reference))].sort(),
    outcomes: (v.scoring.outcomes ?? []).map((o) => ({
      id: o.id,
      label: textIn(o.label),
      explanation: textIn(o.explanation),
      when: "always" in o.when ? "otherwise" : `${o.when.dimension} below ${o.when.below}`,
    })),
    dimensions: v.dimensions.map((d) => ({
      id: d.id,
      name: textIn(d.name),
      description: textIn(d.description),
      weight: d.weight,
      target: d.target,
      sources: d.sources.map((key) => citation(key).short),
      questions: v.questions
        .filter((q) => q.dimension === d.id)
        .map((q) => ({
          id: q.id,
          text: textIn(q.text),
          help: q.help ? textIn(q.help) : null,
          weight: q.weight,
          focus: q.focus,
          notApplicable: q.notApplicable,
          options: ([1, 2, 3, 4, 5] as const).map((level) => textIn(q.options[level])),
        })),
    })),
  };
}

export default function QuestionnaireVersionPage() {
  const data = useLoaderData<typeof loader>();
  const questionCount = data.dimensions.reduce((sum, d) => sum + d.questions.length, 0);
  const { scoring } = data;
  return (
    <article className="questionnaire">
      <p className="eyebrow">
        <Link to="/questionnaires">Questionnaires</Link> · version {data.version} ·{" "}
        <span className={`badge badge-${data.status}`}>{STATUS_LABELS[data.status]}</span>
      </p>
      <div className="page-head">
        <h1>{data.title}</h1>
        <a className="button button-secondary" href={`/questionnaires/${data.questionnaire}/${data.version}/export`} download>
          Download JSON
        </a>
      </div>
      <p className="lead">{data.description}</p>
      <p className="muted">
        {data.dimensions.length} dimensions, {questionCount} questions. Content hash{" "}
        <code>{data.contentHash.slice(0, 16)}…</code>
        {data.status === "published" ? ": frozen; any change needs a new version." : "."}
      </p>

      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">How it is scored</h2>
        <ul>
          <li>
            Each question has five answers, one per level:{" "}
            {data.levels.map((l) => `${l.level} ${l.label}`).join(", ")}. “Don't know” is always possible;
            “not applicable” only where a question says so.
          </li>
          <li>
            A respondent's dimension score is the weighted mean of the levels they chose. “Don't know” and
            “not applicable” count neither in the sum nor in the weights.
          </li>
          <li>
            A respondent counts for a dimension after answering at least {Math.round(scoring.minimumCoverage * 100)} % of its
            questions. A dimension with nobody counted shows “insufficient data” instead of a number.
          </li>
          <li>
            Agreement is rwg = 1 − variance / 2. It reads “consensus” with at least {scoring.consensus.minimumRespondents}{" "}
            respondents and rwg ≥ {scoring.consensus.threshold.toFixed(2)}, otherwise “divided”.
          </li>
          <li>
            The overall index is the weighted mean of the scored dimensions, to one decimal. Its stage is the highest level it
            reaches.
          </li>
        </ul>
        {data.outcomes.length > 0 ? (
          <>
            <h3>Outcomes (the first rule that matches)</h3>
            <ol>
              {data.outcomes.map((o) => (
                <li key={o.id}>
                  <strong>{o.label}</strong> ({o.when}): {o.explanation}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Dimensions and best-practice targets</h2>
        <ScrollTable labelledBy="profile-heading">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Questions</th>
                <th scope="col">Weight</th>
                <th scope="col">Best-practice target</th>
              </tr>
            </thead>
            <tbody>
              {data.dimensions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <a href={`#dimension-${d.id}`}>{d.name}</a>
                  </th>
                  <td data-label="Questions">{d.questions.length}</td>
                  <td data-label="Weight">{d.weight}</td>
                  <td data-label="Target">
                    {d.target} {data.levels[d.target - 1]?.label}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
      </section>

      {data.dimensions.map((d) => (
        <section key={d.id} id={`dimension-${d.id}`} className="card dimension" aria-labelledby={`heading-${d.id}`}>
          <h2 id={`heading-${d.id}`}>{d.name}</h2>
          <p>{d.description}</p>
          <p className="muted">
            Weight {d.weight} · target {d.target} · sources: {d.sources.join(", ")}
          </p>
          {d.questions.map((q, i) => (
            <div key={q.id} className="question">
              <h3>
                {i + 1}. {q.text}
              </h3>
              <p className="muted small">
                <code>{q.id}</code> · {q.focus === "individual" ? "individual level" : "company level"} · weight {q.weight}
                {q.notApplicable ? " · “not applicable” allowed" : ""}
              </p>
              {q.help ? <p className="hint">{q.help}</p> : null}
              <ol className="options">
                {q.options.map((option, level) => (
                  <li key={level}>
                    <span className="level">
                      {level + 1} {data.levels[level]?.label}
                    </span>
                    <span>{option}</span>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </section>
      ))}

      <section className="card" aria-labelledby="references-heading">
        <h2 id="references-heading">Sources</h2>
        <ul>
          {data.references.map((reference) => (
            <li key={reference}>{reference}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}
