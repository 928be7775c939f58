import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { customItemSchema, gateCriterionSchema, itemStatusSchema } from "#app/domain/roadmap/item-forms.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { can } from "#app/domain/permissions.ts";
import { FormMessage } from "#app/components/form.tsx";
import { AddRoadmapItem } from "#app/components/roadmap/add-item.tsx";
import { Board } from "#app/components/roadmap/board.tsx";
import { Gates } from "#app/components/roadmap/gates.tsx";
import { ItemList } from "#app/components/roadmap/item-list.tsx";
import { LoopSections } from "#app/components/roadmap/loop-sections.tsx";
import { RoadmapProgress } from "#app/components/roadmap/progress.tsx";
import { Timeline } from "#app/components/roadmap/timeline.tsx";
import { dispatchForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { setGateCriterion } from "#app/services/roadmap-gates.server.ts";
import { addCustomItem, updateRoadmapItem } from "#app/services/roadmap-items.server.ts";
import { loadRoadmapLoop } from "#app/services/roadmap-loop.server.ts";
import { loadRoadmap } from "#app/services/roadmap-view.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.roadmap.title ?? "Roadmap"} · KAM Navigator` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const loaded = await loadRoadmap(membership, params.roadmapId ?? "");
  const { roadmap } = loaded;
  return {
    ...loaded,
    slug: membership.organization.slug,
    canEdit: can(membership, "roadmap.edit"),
    roadmap: { id: roadmap.id, title: roadmap.title, startDate: roadmap.startDate, capacity: roadmap.capacity },
    loop: await loadRoadmapLoop(membership, roadmap),
  };
}


export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "roadmap.edit");
  const formData = await readForm(request);
  return dispatchForm(
    formData,
    {
      gate: async () => {
        const input = parseForm(gateCriterionSchema, formData);
        await setGateCriterion(membership, params.roadmapId ?? "", input.phase, input.criterion, input.checked === "true");
        return { ok: true as const, message: "Gate updated." };
      },
      add: async () => {
        const input = parseForm(customItemSchema, formData);
        const dependsOn = formData.getAll("dependsOn").map(String);
        const added = await addCustomItem(membership, params.roadmapId ?? "", { ...input, parentId: input.parentId || null, dueDate: input.dueDate || null, dependsOn });
        return redirect(`/orgs/${membership.organization.slug}/roadmaps/${added.roadmapId}/items/${added.id}`);
      },
      status: async () => {
        const input = parseForm(itemStatusSchema, formData);
        await updateRoadmapItem(membership, params.roadmapId ?? "", input.itemId, { status: input.status });
        return { ok: true as const, message: "Status saved." };
      },
    },
    // The board's and the list's status forms send no intent.
    { whenMissing: "status" },
  );
}

const VIEWS = { timeline: "Timeline", board: "Board", list: "List" } as const;
type View = keyof typeof VIEWS;

export default function RoadmapPage() {
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const view: View = params.get("view") === "board" ? "board" : params.get("view") === "list" ? "list" : "timeline";
  const { progress, summary } = data;
  const base = `/orgs/${data.slug}/roadmaps/${data.roadmap.id}`;
  return (
    <div className="stack roadmap">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/orgs/${data.slug}/roadmaps`}>Roadmaps</Link>
          </p>
          <h2>{data.roadmap.title}</h2>
          <p className="muted">
            {data.roadmap.startDate} to {summary.endDate} · up to {data.roadmap.capacity} initiatives at once · current phase:{" "}
            <strong>{data.currentPhase ? PHASE_LABELS[data.currentPhase] : "all gates passed"}</strong>
          </p>
        </div>
      </div>
      {state && "message" in state ? (
        <p className="banner banner-success" role="status">
          {state.message}
        </p>
      ) : (
        <FormMessage state={state} />
      )}

      {summary.notes.length > 0 ? (
        <div className="banner" role="note">
          <ul>
            {summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <RoadmapProgress progress={progress} />

      <LoopSections data={data} base={base} />

      <Gates data={data} />

      <nav className="tabs view-tabs" aria-label="Roadmap views">
        {(Object.keys(VIEWS) as View[]).map((v) => (
          <Link key={v} to={`${base}?view=${v}`} aria-current={view === v ? "page" : undefined} className={view === v ? "active" : undefined}>
            {VIEWS[v]}
          </Link>
        ))}
      </nav>
      {view === "timeline" ? <Timeline data={data} base={base} /> : view === "board" ? <Board data={data} base={base} /> : <ItemList data={data} base={base} />}
      {data.canEdit ? <AddRoadmapItem items={data.items} startDate={data.roadmap.startDate} state={state && !("message" in state) ? state : undefined} /> : null}
    </div>
  );
}
