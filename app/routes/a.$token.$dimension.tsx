import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useState } from "react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { answerSaveSchema, type AnswerSave } from "#app/domain/assessments.ts";
import { TEXT_LIMITS } from "#app/domain/input-limits.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { SaveRefused, SaveStatus, useAutosave } from "#app/components/autosave.tsx";
import { FormMessage, type FormState } from "#app/components/form.tsx";
import { ProgressSummary } from "#app/components/respondent-progress.tsx";
import { notFound, UserError } from "#app/lib/errors.server.ts";
import { handleForm, readForm } from "#app/lib/forms.server.ts";
import { AnswersNotRecorded, isReadOnly, requireRespondentAccess, respondentProgress, saveAnswers } from "#app/services/respondents.server.ts";
import type { RespondentPageHandle } from "#app/root.tsx";

export const handle: RespondentPageHandle = { respondentPage: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.dimension.name ?? "Questions"} · KAM Navigator` },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireRespondentAccess(request, params);
  const { version } = context;
  const index = version.dimensions.findIndex((d) => d.id === params.dimension);
  if (index < 0) notFound();
  const dimension = version.dimensions[index]!;
  const progress = await respondentProgress(context);
  const stored = new Map(progress.stored.map((a) => [a.questionId, a]));
  return {
    base: context.basePath,
    title: context.assessment.title,
    readOnly: isReadOnly(context),
    levels: ([1, 2, 3, 4, 5] as const).map((l) => textIn(version.levels[l])),
    dimension: { id: dimension.id, name: textIn(dimension.name), description: textIn(dimension.description) },
    previous: version.dimensions[index - 1]?.id ?? null,
    next: version.dimensions[index + 1]?.id ?? null,
    page: index + 1,
    pages: version.dimensions.length,
    answered: progress.answered,
    total: progress.total,
    dimensions: progress.dimensions.map((d) => ({ ...d, name: textIn(version.dimensions.find((x) => x.id === d.id)!.name) })),
    questions: version.questions
      .filter((q) => q.dimension === dimension.id)
      .map((q) => {
        const answer = stored.get(q.id);
        return {
          id: q.id,
          text: textIn(q.text),
          help: q.help ? textIn(q.help) : null,
          notApplicable: q.notApplicable,
          options: ([1, 2, 3, 4, 5] as const).map((l) => textIn(q.options[l])),
          value: answer?.choice === "level" ? String(answer.level) : (answer?.choice ?? null),
          comment: answer?.comment ?? "",
        };
      }),
  };
}

/** The page's answers from a plain form post, as saves newer than any earlier one. */
function savesFromForm(formData: FormData, questionIds: string[], sequence: number): AnswerSave[] {
  return questionIds.flatMap((questionId): AnswerSave[] => {
    const value = formData.get(`q.${questionId}`);
    const comment = String(formData.get(`c.${questionId}`) ?? "").trim() || null;
    if (value === null && comment === null) return [];
    if (value === "dont_know" || value === "not_applicable") return [{ questionId, choice: value, level: null, comment, sequence }];
    if (typeof value === "string" && /^[1-5]$/.test(value)) return [{ questionId, choice: "level", level: Number(value), comment, sequence }];
    return [{ questionId, choice: value === null ? null : "level", level: null, comment, sequence }];
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireRespondentAccess(request, params);
  const { version } = context;
  const index = version.dimensions.findIndex((d) => d.id === params.dimension);
  if (index < 0) notFound();
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const questionIds = version.questions.filter((q) => q.dimension === params.dimension).map((q) => q.id);
    const saves = savesFromForm(formData, questionIds, Date.now() * 1000 + 999);
    for (const save of saves) {
      const checked = answerSaveSchema.safeParse(save);
      if (!checked.success) {
        const message = checked.error.issues[0]!.message;
        throw new UserError(400, message, { [`c.${save.questionId}`]: message });
      }
    }
    try {
      if (saves.length > 0) await saveAnswers(context, saves);
    } catch (error) {
      // Closed meanwhile: say so on this page, with what was not recorded, instead of moving on.
      if (error instanceof AnswersNotRecorded) return data({ refusal: { message: error.message, notRecorded: error.questions } }, { status: 409 });
      throw error;
    }
    const target =
      formData.get("intent") === "previous"
        ? version.dimensions[index - 1]?.id
        : (version.dimensions[index + 1]?.id ?? "submit");
    return redirect(`${context.basePath}/${target ?? version.dimensions[0]!.id}`);
  });
}

export default function DimensionPage() {
  const data = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  const failed = answered && "formError" in answered ? (answered as FormState) : undefined;
  const postRefusal = answered && "refusal" in answered ? answered.refusal : null;
  // The questions of this page with a choice, as the person changes them; null until then.
  const [live, setLive] = useState<{ dimension: string; answered: Set<string> } | null>(null);
  const { formRef, status, refusal, onChange, onBlur } = useAutosave(data.base, data.readOnly, (answered) =>
    setLive({ dimension: data.dimension.id, answered }),
  );
  const storedHere = data.dimensions.find((d) => d.id === data.dimension.id)?.answered ?? 0;
  const answeredHere = live?.dimension === data.dimension.id ? live.answered.size : storedHere;
  const dimensions = data.dimensions.map((d) => (d.id === data.dimension.id ? { ...d, answered: answeredHere } : d));
  return (
    <div className="respondent respondent-page">
      <aside className="respondent-side">
        <ProgressSummary base={data.base} answered={data.answered - storedHere + answeredHere} total={data.total} dimensions={dimensions} />
      </aside>
      <section>
        <p className="eyebrow">
          {data.title} · page {data.page} of {data.pages}
        </p>
        <h1>{data.dimension.name}</h1>
        {/* A phone shows the description on request, so the first question fits on the screen. */}
        <p className="dimension-intro">{data.dimension.description}</p>
        <details className="dimension-intro-folded">
          <summary>About this page</summary>
          <p>{data.dimension.description}</p>
        </details>
        <FormMessage state={failed} />
        {postRefusal ?? refusal ? <SaveRefused refusal={(postRefusal ?? refusal)!} /> : null}
        {data.readOnly ? <p className="banner banner-success" role="status">Your answers are read-only.</p> : <SaveStatus status={status} />}
        <Form method="post" ref={formRef} onChange={onChange} onBlur={onBlur} key={data.dimension.id}>
          <fieldset disabled={data.readOnly || refusal !== null} className="questions">
            {data.questions.map((q, i) => (
              <fieldset key={q.id} className="question card" aria-describedby={q.help ? `help-${q.id}` : undefined}>
                <legend>
                  <span className="question-number">{i + 1}.</span> {q.text}
                </legend>
                {q.help ? (
                  <p className="hint" id={`help-${q.id}`}>
                    {q.help}
                  </p>
                ) : null}
                <div className="choices">
                  {q.options.map((option, level) => (
                    <label key={level} className="choice">
                      <input type="radio" name={`q.${q.id}`} value={String(level + 1)} defaultChecked={q.value === String(level + 1)} />
                      <span>
                        <strong>
                          {level + 1} {data.levels[level]}
                        </strong>
                        {option}
                      </span>
                    </label>
                  ))}
                  <div className="choice-extra">
                    <label className="choice choice-small">
                      <input type="radio" name={`q.${q.id}`} value="dont_know" defaultChecked={q.value === "dont_know"} />
                      <span>Don't know</span>
                    </label>
                    {q.notApplicable ? (
                      <label className="choice choice-small">
                        <input type="radio" name={`q.${q.id}`} value="not_applicable" defaultChecked={q.value === "not_applicable"} />
                        <span>Not applicable</span>
                      </label>
                    ) : null}
                  </div>
                </div>
                <div className="field">
                  <label htmlFor={`c-${q.id}`}>Comment (optional)</label>
                  <textarea id={`c-${q.id}`} name={`c.${q.id}`} rows={2} maxLength={TEXT_LIMITS.comment} defaultValue={q.comment} />
                </div>
              </fieldset>
            ))}
          </fieldset>
          <div className="actions page-actions">
            {data.previous ? (
              <button type="submit" name="intent" value="previous" className="button button-secondary" disabled={data.readOnly}>
                Back
              </button>
            ) : null}
            {data.readOnly ? (
              data.next ? <Link className="button" to={`${data.base}/${data.next}`}>Next page</Link> : null
            ) : (
              <button type="submit" name="intent" value="next" className="button">
                {data.next ? "Save and continue" : "Save and review"}
              </button>
            )}
          </div>
        </Form>
      </section>
    </div>
  );
}
