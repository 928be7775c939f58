import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { itemUpdateSchema, moveItemSchema, noteSchema } from "#app/domain/roadmap/item-forms.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { isOverdue, ITEM_STATUS_LABELS } from "#app/domain/roadmap/tracking.ts";
import { can } from "#app/domain/permissions.ts";
import { FormMessage, type FormState } from "#app/components/form.tsx";
import { DependenciesForm, EditForm, NoteForm } from "#app/components/roadmap/item-edit-forms.tsx";
import { ItemFacts } from "#app/components/roadmap/item-facts.tsx";
import { ItemOrderAndRemoval } from "#app/components/roadmap/item-order.tsx";
import { dispatchForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { addRoadmapNote, loadRoadmapItem, moveRoadmapItem, removeRoadmapItem, setItemDependencies, updateRoadmapItem } from "#app/services/roadmap-items.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.title ?? "Roadmap item"} · KAM Navigator` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const loaded = await loadRoadmapItem(membership, params.roadmapId ?? "", params.itemId ?? "");
  return {
    ...loaded,
    slug: membership.organization.slug,
    canEdit: can(membership, "roadmap.edit"),
    roadmap: { id: loaded.roadmap.id, title: loaded.roadmap.title, startDate: loaded.roadmap.startDate, createdAt: loaded.roadmap.createdAt },
  };
}


const SAVED = {
  update: "Changes saved.",
  note: "Note added.",
  move: "Order changed.",
  dependencies: "Dependencies saved.",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "roadmap.edit");
  const roadmapId = params.roadmapId ?? "";
  const itemId = params.itemId ?? "";
  const formData = await readForm(request);
  const saved = (intent: keyof typeof SAVED) => ({ ok: true as const, intent, message: SAVED[intent] });
  return dispatchForm(
    formData,
    {
      note: async () => {
        await addRoadmapNote(membership, roadmapId, itemId, parseForm(noteSchema, formData));
        return saved("note");
      },
      move: async () => {
        await moveRoadmapItem(membership, roadmapId, itemId, parseForm(moveItemSchema, formData).direction);
        return saved("move");
      },
      dependencies: async () => {
        await setItemDependencies(membership, roadmapId, itemId, formData.getAll("dependsOn").map(String));
        return saved("dependencies");
      },
      remove: async () => {
        await removeRoadmapItem(membership, roadmapId, itemId);
        return redirect(`/orgs/${membership.organization.slug}/roadmaps/${roadmapId}/items/${itemId}`);
      },
      update: async () => {
        await updateRoadmapItem(membership, roadmapId, itemId, parseForm(itemUpdateSchema, formData));
        return saved("update");
      },
    },
    { whenMissing: "update" },
  );
}

const when = (value: string | Date) => `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default function RoadmapItemPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { item } = data;
  const roadmapPath = `/orgs/${data.slug}/roadmaps/${data.roadmap.id}`;
  const itemPath = (id: string) => `${roadmapPath}/items/${id}`;
  const failed: FormState | undefined = result && !result.ok ? result : undefined;
  const failedIntent = failed?.values?.intent ?? "update";
  const stateFor = (intent: string) => (failed && failedIntent === intent ? failed : undefined);
  const editable = data.canEdit && item.removedAt === null;
  const confirming = editable && params.get("confirm") === "remove";
  return (
    <div className="stack roadmap-item">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/orgs/${data.slug}/roadmaps`}>Roadmaps</Link> › <Link to={roadmapPath}>{data.roadmap.title}</Link>
            {data.parent ? (
              <>
                {" "}
                › <Link to={itemPath(data.parent.id)}>{data.parent.title}</Link>
              </>
            ) : null}
          </p>
          <h2>{item.title}</h2>
          <p className="muted">
            {item.kind === "initiative" ? "Initiative" : "Milestone"} · {PHASE_LABELS[item.phase]} phase · <strong>{ITEM_STATUS_LABELS[item.status]}</strong>
            {item.custom ? " · added by the team" : null}
            {isOverdue(item, data.today) ? (
              <>
                {" "}
                <span className="flag overdue">overdue</span>
              </>
            ) : null}
          </p>
        </div>
      </div>

      {item.removedAt ? (
        <p className="banner banner-error" role="status">
          Removed from the roadmap on {when(item.removedAt)}. It is kept here with its notes and history.
        </p>
      ) : null}
      {result?.ok ? (
        <p className="banner banner-success" role="status">
          {result.message}
        </p>
      ) : (
        <FormMessage state={failed} />
      )}

      <ItemFacts data={data} itemPath={itemPath} />

      {editable ? <EditForm key={`edit-${String(item.updatedAt)}`} data={data} state={stateFor("update")} /> : null}
      {editable && item.custom ? <DependenciesForm data={data} state={stateFor("dependencies")} /> : null}

      <section className="card" aria-labelledby="notes-heading">
        <h3 id="notes-heading">Notes and evidence</h3>
        {data.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
        <ul className="activity">
          {data.notes.map((note) => (
            <li key={note.id}>
              <time dateTime={new Date(note.createdAt).toISOString()}>{when(note.createdAt)}</time>
              <strong>{note.kind === "evidence" ? "Evidence" : "Comment"}</strong> by {note.authorName ?? "a former member"}
              <p className="note-body">{note.body}</p>
            </li>
          ))}
        </ul>
        {editable ? <NoteForm key={`note-${data.notes.length}`} state={stateFor("note")} /> : null}
      </section>

      {editable ? <ItemOrderAndRemoval item={item} confirming={confirming} itemPath={itemPath} /> : null}

      <section className="card" aria-labelledby="history-heading">
        <h3 id="history-heading">History</h3>
        <ul className="activity">
          {data.history.map((entry) => (
            <li key={entry.id}>
              <time dateTime={new Date(entry.createdAt).toISOString()}>{when(entry.createdAt)}</time>
              <strong>{entry.actorName}</strong> {entry.text}.
            </li>
          ))}
          {item.custom ? null : (
            <li>
              <time dateTime={new Date(data.roadmap.createdAt).toISOString()}>{when(data.roadmap.createdAt)}</time>
              Part of the generated plan since the roadmap was accepted.
            </li>
          )}
        </ul>
        {item.custom && data.history.length === 0 ? <p className="muted">No changes yet.</p> : null}
      </section>
    </div>
  );
}
