import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { z } from "zod";
import { itemUpdateSchema, noteSchema } from "#app/domain/roadmap/item-forms.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { isOverdue, ITEM_STATUS_LABELS, ITEM_STATUSES } from "#app/domain/roadmap/tracking.ts";
import { roleAtLeast } from "#app/domain/roles.ts";
import { Field, FormMessage, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { addRoadmapNote, loadRoadmapItem, moveRoadmapItem, removeRoadmapItem, setItemDependencies, updateRoadmapItem } from "#app/services/roadmap-items.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.title ?? "Roadmap item"} · KAM Navigator` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const loaded = await loadRoadmapItem(membership, params.roadmapId ?? "", params.itemId ?? "");
  return {
    ...loaded,
    slug: membership.organization.slug,
    canEdit: roleAtLeast(membership.role, "program_lead"),
    roadmap: { id: loaded.roadmap.id, title: loaded.roadmap.title, startDate: loaded.roadmap.startDate, createdAt: loaded.roadmap.createdAt },
  };
}

const moveSchema = z.object({ direction: z.enum(["up", "down"], { error: "Move up or down." }) });

const SAVED = {
  update: "Changes saved.",
  note: "Note added.",
  move: "Order changed.",
  dependencies: "Dependencies saved.",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "program_lead");
  const roadmapId = params.roadmapId ?? "";
  const itemId = params.itemId ?? "";
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "update");
  return handleForm(formData, async () => {
    switch (intent) {
      case "note":
        await addRoadmapNote(membership, roadmapId, itemId, parseForm(noteSchema, formData));
        break;
      case "move":
        await moveRoadmapItem(membership, roadmapId, itemId, parseForm(moveSchema, formData).direction);
        break;
      case "dependencies":
        await setItemDependencies(membership, roadmapId, itemId, formData.getAll("dependsOn").map(String));
        break;
      case "remove":
        await removeRoadmapItem(membership, roadmapId, itemId);
        return redirect(`/orgs/${membership.organization.slug}/roadmaps/${roadmapId}/items/${itemId}`);
      default:
        await updateRoadmapItem(membership, roadmapId, itemId, parseForm(itemUpdateSchema, formData));
    }
    return { ok: true as const, intent, message: SAVED[intent as keyof typeof SAVED] ?? SAVED.update };
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

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

      <section className="card" aria-labelledby="about-heading">
        <h3 id="about-heading">About this {item.kind}</h3>
        <dl className="facts">
          <dt>Phase</dt>
          <dd>{PHASE_LABELS[item.phase]}</dd>
          {item.dimension ? (
            <>
              <dt>Dimension</dt>
              <dd>
                {data.dimensionName ?? item.dimension}
                {item.level ? ` (towards level ${item.level})` : null}
              </dd>
            </>
          ) : null}
          <dt>{item.kind === "milestone" ? "Acceptance criterion" : "Description"}</dt>
          <dd>{item.description || "—"}</dd>
          {item.reason ? (
            <>
              <dt>Why it is in the plan</dt>
              <dd>{item.reason}</dd>
            </>
          ) : null}
          <dt>Owner</dt>
          <dd>
            {data.owner ?? "No owner yet"}
            {item.ownerRole ? <span className="muted small"> · suggested role: {item.ownerRole}</span> : null}
          </dd>
          <dt>Dates</dt>
          <dd>
            {item.startDate ? `${item.startDate} to ` : "due "}
            {item.dueDate ?? "no date"}
          </dd>
          <dt>Status</dt>
          <dd>
            {ITEM_STATUS_LABELS[item.status]}
            {item.status === "blocked" && item.blockedReason ? (
              <>
                {" "}
                <span className="flag blocked">blocked: {item.blockedReason}</span>
              </>
            ) : null}
          </dd>
          <dt>Depends on</dt>
          <dd>
            {data.dependencies.length === 0 ? (
              "nothing"
            ) : (
              <ul className="plain-list">
                {data.dependencies.map((d) => (
                  <li key={d.id}>
                    <Link to={itemPath(d.id)}>{d.title}</Link> <span className="muted small">({ITEM_STATUS_LABELS[d.status]})</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {data.parent ? (
            <>
              <dt>Initiative</dt>
              <dd>
                <Link to={itemPath(data.parent.id)}>{data.parent.title}</Link>
              </dd>
            </>
          ) : null}
        </dl>
        {item.kind === "initiative" ? (
          <>
            <h4>Milestones</h4>
            {data.milestones.length === 0 ? <p className="muted">No milestones.</p> : null}
            <ul className="plain-list">
              {data.milestones.map((ms) => (
                <li key={ms.id}>
                  <Link to={itemPath(ms.id)}>{ms.title}</Link>{" "}
                  <span className="muted small">
                    · {ITEM_STATUS_LABELS[ms.status]} · due {ms.dueDate ?? "—"}
                    {ms.ownerName ? ` · ${ms.ownerName}` : ""}
                    {ms.removedAt ? " · removed" : ""}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

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

      {editable ? (
        <section className="card" aria-labelledby="order-heading">
          <h3 id="order-heading">Order and removal</h3>
          <div className="row-actions">
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="move" />
              <button type="submit" name="direction" value="up" className="button button-secondary">
                Move up
              </button>
              <button type="submit" name="direction" value="down" className="button button-secondary">
                Move down
              </button>
            </Form>
            {confirming ? null : (
              <Form method="get" className="inline-form">
                <input type="hidden" name="confirm" value="remove" />
                <button type="submit" className="button button-danger">
                  Remove
                </button>
              </Form>
            )}
          </div>
          {confirming ? (
            <div className="banner banner-error confirm-remove" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
              <h4 id="confirm-heading">Remove “{item.title}” from the roadmap?</h4>
              <p id="confirm-text">
                It leaves the timeline, the board and the progress counts
                {item.kind === "initiative" ? ", together with its milestones" : ""}. It stays stored with its notes and history.
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove" />
                <button type="submit" className="button button-danger">
                  Yes, remove it
                </button>
                <Link to={itemPath(item.id)} className="button button-secondary">
                  Cancel
                </Link>
              </Form>
            </div>
          ) : null}
        </section>
      ) : null}

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

function EditForm({ data, state }: { data: Data; state?: FormState }) {
  const { item } = data;
  const reasonId = useId();
  const reasonError = state?.fieldErrors?.blockedReason;
  return (
    <section className="card" aria-labelledby="edit-heading">
      <h3 id="edit-heading">Owner, due date and status</h3>
      <Form method="post">
        <input type="hidden" name="intent" value="update" />
        <SelectField
          label="Owner"
          name="ownerId"
          state={state}
          defaultValue={item.ownerId ?? ""}
          options={[{ value: "", label: "No owner" }, ...data.members.map((mm) => ({ value: mm.id, label: mm.name }))]}
        />
        <Field label="Due date" name="dueDate" type="date" state={state} defaultValue={item.dueDate ?? ""} hint={`Not before the roadmap starts (${data.roadmap.startDate}).`} />
        <SelectField label="Status" name="status" state={state} defaultValue={item.status} options={ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] }))} />
        <div className="field">
          <label htmlFor={reasonId}>Blocked reason</label>
          <p className="hint" id={`${reasonId}-hint`}>
            Required when the status is Blocked: what blocks it and who can unblock it.
          </p>
          <textarea
            id={reasonId}
            name="blockedReason"
            rows={2}
            defaultValue={state?.values?.blockedReason ?? item.blockedReason ?? ""}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`${reasonId}-hint${reasonError ? ` ${reasonId}-error` : ""}`}
          />
          {reasonError ? (
            <p className="field-error" id={`${reasonId}-error`}>
              {reasonError}
            </p>
          ) : null}
        </div>
        <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
      </Form>
    </section>
  );
}

function DependenciesForm({ data, state }: { data: Data; state?: FormState }) {
  const error = state?.fieldErrors?.dependsOn;
  return (
    <section className="card" aria-labelledby="deps-heading">
      <h3 id="deps-heading">Dependencies</h3>
      <Form method="post">
        <input type="hidden" name="intent" value="dependencies" />
        <fieldset className="checkbox-list" aria-describedby={error ? "deps-error" : undefined}>
          <legend>This item can start once these are done</legend>
          {data.candidates.map((c) => (
            <label key={c.id} className="choice-small">
              <input type="checkbox" name="dependsOn" value={c.key} defaultChecked={data.item.dependsOn.includes(c.key)} /> {c.title}
              <span className="muted small"> · {c.kind === "milestone" ? "milestone" : PHASE_LABELS[c.phase]}</span>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p className="field-error" id="deps-error">
            {error}
          </p>
        ) : null}
        <SubmitButton pendingText="Saving…" className="button button-secondary">
          Save dependencies
        </SubmitButton>
      </Form>
    </section>
  );
}

function NoteForm({ state }: { state?: FormState }) {
  const bodyId = useId();
  const error = state?.fieldErrors?.body;
  return (
    <Form method="post" className="note-form">
      <input type="hidden" name="intent" value="note" />
      <fieldset className="inline-form">
        <legend>Kind of note</legend>
        <label>
          <input type="radio" name="kind" value="evidence" defaultChecked={(state?.values?.kind ?? "evidence") === "evidence"} /> Evidence
        </label>
        <label>
          <input type="radio" name="kind" value="comment" defaultChecked={state?.values?.kind === "comment"} /> Comment
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={bodyId}>Note text</label>
        <textarea
          id={bodyId}
          name="body"
          rows={3}
          defaultValue={state?.values?.body ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${bodyId}-error` : undefined}
        />
        {error ? (
          <p className="field-error" id={`${bodyId}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingText="Adding…" className="button button-secondary">
        Add note
      </SubmitButton>
    </Form>
  );
}
