import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CopyField } from "#app/components/copy-field.tsx";
import { FormMessage } from "#app/components/form.tsx";
import { publicUrl } from "#app/lib/env.server.ts";
import { dispatchForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { requireRoadmap } from "#app/services/roadmap-access.server.ts";
import { issueCalendarFeed, revokeCalendarFeed } from "#app/services/roadmap-exports.server.ts";

export const meta: MetaFunction = () => [{ title: "Calendar link · KAM Navigator" }];

/** The link is shown once, right after it is issued; this page otherwise only leads back to the roadmap. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const roadmap = await requireRoadmap(membership, params.roadmapId ?? "");
  return { back: `/orgs/${membership.organization.slug}/roadmaps/${roadmap.id}`, title: roadmap.title };
}


export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "roadmap.edit");
  const formData = await readForm(request);
  const back = `/orgs/${membership.organization.slug}/roadmaps/${params.roadmapId}`;
  return dispatchForm(formData, {
    revoke: async () => {
      await revokeCalendarFeed(membership, params.roadmapId ?? "");
      return redirect(`${back}?calendar=revoked#calendar-heading`);
    },
    issue: async () => {
      const roadmap = await requireRoadmap(membership, params.roadmapId ?? "");
      const token = await issueCalendarFeed(membership, roadmap.id);
      return { ok: true as const, url: publicUrl(`/calendar/${token}/roadmap.ics`), title: roadmap.title, back };
    },
  });
}

export default function CalendarLink() {
  const result = useActionData<typeof action>();
  const { back, title } = useLoaderData<typeof loader>();
  if (!result || !("url" in result)) {
    return (
      <section className="card narrow-card stack" aria-labelledby="calendar-link-heading">
        <h2 id="calendar-link-heading">Calendar link for {title}</h2>
        <FormMessage state={result} />
        <p>A calendar link is shown only once, right after it is created. Create a new one on the roadmap page if it was lost.</p>
        <p>
          <Link to={back}>Back to the roadmap</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow-card stack" aria-labelledby="calendar-link-heading">
      <h2 id="calendar-link-heading">Calendar link for {result.title}</h2>
      <p>
        Subscribe to this address in your calendar app to see the milestones' due dates. Anyone with the link can read them, so share it only with the
        people running the program. <strong>It is shown only now</strong>; if it is lost, create a new one (the old one stops working).
      </p>
      <CopyField label="Calendar link" value={result.url} />
      <p>
        <Link to={result.back}>Back to the roadmap</Link>
      </p>
    </section>
  );
}
