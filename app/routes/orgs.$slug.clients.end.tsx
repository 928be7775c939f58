import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { endEngagementSchema } from "#app/domain/engagement-forms.ts";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage, type FormState } from "#app/components/form.tsx";
import { RevocationConfirmation } from "#app/components/revocation-confirmation.tsx";
import { UserError } from "#app/lib/errors.server.ts";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { revocationList, revocationMessages as r } from "#app/messages/revocation.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { endEngagement, previewEndEngagement } from "#app/services/engagements.server.ts";

export const meta: MetaFunction = () => [{ title: "End an engagement · KAM Navigator" }];


/**
 * A consultancy's admin ends its engagement with a client (`?engagement=<id>`). Nobody at the
 * client has chosen to keep anything, so the page says that everything created through it is
 * revoked, and how much that is.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "clients.manage");
  const back = `/orgs/${membership.organization.slug}/clients`;
  const engagementId = new URL(request.url).searchParams.get("engagement");
  if (engagementId === null) return { back, preview: null, error: null };
  try {
    const { engagement, counts } = await previewEndEngagement(membership, engagementId);
    return { back, preview: { engagementId: engagement.id, client: engagement.client, list: revocationList(counts) }, error: null };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return data({ back, preview: null, error: error.message }, { status: error.status });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "clients.manage");
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    const { engagementId } = parseForm(endEngagementSchema, formData);
    const { client, revoked } = await endEngagement(membership, engagementId);
    return { ok: true as const, message: r.endedByConsultancy(client, revoked) };
  });
}

export default function EndEngagement() {
  const { back, preview, error } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const failed: FormState | undefined = state && !state.ok ? (state as FormState) : error ? { formError: error } : undefined;
  return (
    <div className="stack">
      <FormMessage state={failed} success={state?.ok ? state.message : undefined} />
      {preview && !state ? (
        <RevocationConfirmation
          heading={r.endByConsultancyHeading(preview.client)}
          body={r.endByConsultancy(preview.client, preview.list)}
          keepable={0}
          fields={{ engagementId: preview.engagementId }}
          confirmLabel="End engagement"
          cancelTo={back}
        />
      ) : (
        <p>
          <Link to={back}>Back to clients</Link>
        </p>
      )}
    </div>
  );
}
