import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { newAssessmentSchema } from "#app/domain/assessments.ts";
import { Field, FormMessage, SelectField, SubmitButton } from "#app/components/form.tsx";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { createAssessment } from "#app/services/assessments.server.ts";
import { listQuestionnaireVersions } from "#app/services/surveys.server.ts";

export const meta: MetaFunction = () => [{ title: "New assessment · KAM Navigator" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "assessments.manage");
  const versions = (await listQuestionnaireVersions()).filter((v) => v.status === "published");
  return {
    slug: membership.organization.slug,
    versions: versions.map((v) => ({ value: `${v.questionnaireId}@${v.version}`, label: `${v.title} ${v.version}` })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "assessments.manage");
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const input = parseForm(newAssessmentSchema, formData);
    const [questionnaireId, version] = input.version.split("@") as [string, string];
    const assessment = await createAssessment(membership, { questionnaireId, version, title: input.title, targetProfile: null });
    return redirect(`/orgs/${membership.organization.slug}/assessments/${assessment.id}`);
  });
}

export default function NewAssessment() {
  const { slug, versions } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="card narrow-card" aria-labelledby="new-heading">
      <h2 id="new-heading">New assessment</h2>
      <p className="muted">
        The questionnaire version is pinned to the assessment. You invite respondents and set your own
        target profile on the next page.
      </p>
      <FormMessage state={state} />
      <Form method="post" noValidate>
        <Field label="Title" name="title" placeholder="KAM maturity 2026" required state={state} />
        <SelectField label="Questionnaire" name="version" options={versions} defaultValue={versions[0]?.value} state={state} />
        <div className="actions">
          <SubmitButton pendingText="Creating…">Create assessment</SubmitButton>
          <Link to={`/orgs/${slug}/assessments`}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
