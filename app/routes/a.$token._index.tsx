import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { answeringMinutes } from "#app/domain/respondents.ts";
import { respondentMessages as rm } from "#app/messages/respondents.ts";
import { ProgressSummary } from "#app/components/respondent-progress.tsx";
import { isReadOnly, requireRespondentAccess, respondentProgress } from "#app/services/respondents.server.ts";
import type { RespondentPageHandle } from "#app/root.tsx";

export const handle: RespondentPageHandle = { respondentPage: true };

export const meta: MetaFunction = () => [{ title: "Your answers · KAM Navigator" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireRespondentAccess(request, params);
  const progress = await respondentProgress(context);
  const next = progress.dimensions.find((d) => d.answered < d.total) ?? progress.dimensions[0]!;
  return {
    base: context.basePath,
    viaAccount: context.viaAccount,
    name: context.respondent.name,
    title: context.assessment.title,
    organization: context.organization.name,
    consultancy: context.consultancyName,
    invitedBy: context.invitedBy,
    minimumGroupSize: context.organization.minimumGroupSize,
    minutes: answeringMinutes(context.version.questions.length),
    questionnaire: textIn(context.version.title),
    description: textIn(context.version.description),
    status: context.assessment.status,
    submitted: context.respondent.submittedAt !== null,
    readOnly: isReadOnly(context),
    next: next.id,
    answered: progress.answered,
    total: progress.total,
    dimensions: progress.dimensions.map((d) => ({
      ...d,
      name: textIn(context.version.dimensions.find((x) => x.id === d.id)!.name),
    })),
  };
}

export default function RespondentStart() {
  const data = useLoaderData<typeof loader>();
  return (
    <section className="respondent">
      <p className="eyebrow">{data.questionnaire}</p>
      <h1>{data.title}</h1>
      <p className="lead">
        {rm.invitedTo(data.organization, data.consultancy)} {data.invitedBy ? rm.invitedBy(data.invitedBy) : null}
      </p>
      <p>Hello {data.name}. {data.description}</p>
      <p>
        {rm.duration(data.minutes, data.total)} Every answer is saved as you go, so you can stop and come back{" "}
        {data.viaAccount ? "from your organization's overview" : "to this link"} at any time.
      </p>
      <p className="muted">{rm.promise(data.organization, data.minimumGroupSize)}</p>
      {data.status === "draft" ? (
        <p className="banner banner-error" role="status">
          This assessment has not opened yet. {data.viaAccount ? "Come back later." : "Try the link again later."}
        </p>
      ) : data.submitted ? (
        <p className="banner banner-success" role="status">
          You have submitted your answers. Thank you! They stay read-only unless the assessment is reopened.
        </p>
      ) : data.status === "closed" ? (
        <p className="banner banner-error" role="status">This assessment is closed.</p>
      ) : null}
      {!data.readOnly ? (
        <p className="actions">
          <Link className="button" to={`${data.base}/${data.next}`}>
            {data.answered > 0 ? "Continue" : "Start"}
          </Link>
          {data.answered > 0 ? (
            <Link className="button button-secondary" to={`${data.base}/submit`}>
              Review and submit
            </Link>
          ) : null}
        </p>
      ) : null}
      <ProgressSummary base={data.base} answered={data.answered} total={data.total} dimensions={data.dimensions} />
    </section>
  );
}
