import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRespondentAccess } from "#app/services/respondents.server.ts";
import type { RespondentPageHandle } from "#app/root.tsx";

export const handle: RespondentPageHandle = { respondentPage: true };

export const meta: MetaFunction = () => [{ title: "Thank you · KAM Navigator" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireRespondentAccess(request, params);
  return { name: context.respondent.name, title: context.assessment.title, viaAccount: context.viaAccount };
}

export default function Done() {
  const { name, title, viaAccount } = useLoaderData<typeof loader>();
  return (
    <section className="respondent narrow-page">
      <h1>Thank you, {name}</h1>
      <p>
        Your answers to “{title}” are submitted. They are combined with your colleagues' answers; nobody sees your
        individual answers. If the assessment is reopened, you can change them{" "}
        {viaAccount ? "from your organization's overview" : "through the same link"}.
      </p>
    </section>
  );
}
