import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { FormMessage, SubmitButton, type FormState } from "#app/components/form.tsx";
import { handleForm, readForm } from "#app/lib/forms.server.ts";
import { isReadOnly, requireRespondentAccess, respondentProgress, submitAnswers } from "#app/services/respondents.server.ts";
import type { RespondentPageHandle } from "#app/root.tsx";

export const handle: RespondentPageHandle = { respondentPage: true };

export const meta: MetaFunction = () => [{ title: "Review and submit · KAM Navigator" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireRespondentAccess(request, params);
  const progress = await respondentProgress(context);
  const answered = new Set(progress.stored.filter((a) => a.choice !== null).map((a) => a.questionId));
  const { version } = context;
  return {
    base: context.basePath,
    title: context.assessment.title,
    readOnly: isReadOnly(context),
    answered: progress.answered,
    total: progress.total,
    unanswered: version.dimensions
      .map((d) => ({
        id: d.id,
        name: textIn(d.name),
        questions: version.questions.filter((q) => q.dimension === d.id && !answered.has(q.id)).map((q) => textIn(q.text)),
      }))
      .filter((d) => d.questions.length > 0),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireRespondentAccess(request, params);
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    await submitAnswers(context);
    return redirect(`${context.basePath}/done`);
  });
}

export default function Submit() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as FormState | undefined;
  const missing = data.total - data.answered;
  return (
    <section className="respondent narrow-page">
      <p className="eyebrow">{data.title}</p>
      <h1>Review and submit</h1>
      <FormMessage state={failed} />
      <p>
        You answered {data.answered} of {data.total} questions.
      </p>
      {missing > 0 ? (
        <div className="banner banner-error" role="alert">
          <p>
            {missing} question{missing === 1 ? " is" : "s are"} still unanswered. You can submit anyway, but every answer makes the
            results more reliable; “Don't know” is an answer too.
          </p>
        </div>
      ) : null}
      {data.unanswered.map((d) => (
        <section key={d.id} className="card" aria-labelledby={`missing-${d.id}`}>
          <h2 id={`missing-${d.id}`}>
            <Link to={`${data.base}/${d.id}`}>{d.name}</Link>
          </h2>
          <ul>
            {d.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ul>
        </section>
      ))}
      {data.readOnly ? (
        <p className="banner banner-success" role="status">Your answers are already submitted or the assessment is closed.</p>
      ) : (
        <Form method="post" className="actions">
          <SubmitButton pendingText="Submitting…">{missing > 0 ? "Submit with gaps" : "Submit my answers"}</SubmitButton>
          <Link to={data.base}>Back to the overview</Link>
        </Form>
      )}
    </section>
  );
}
