import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { customItemSchema } from "#app/domain/roadmap/item-forms.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { PHASES } from "#app/domain/roadmap/phases.ts";
import { isOverdue, ITEM_STATUS_LABELS, ITEM_STATUSES, startedEarly } from "#app/domain/roadmap/tracking.ts";
import { roleAtLeast } from "#app/domain/roles.ts";
import { FormMessage } from "#app/components/form.tsx";
import { AddRoadmapItem } from "#app/components/roadmap-add-item.tsx";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { handleForm, parseForm, readForm } from "#app/lib/forms.server.ts";
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
    canEdit: roleAtLeast(membership.role, "program_lead"),
    roadmap: { id: roadmap.id, title: roadmap.title, startDate: roadmap.startDate, capacity: roadmap.capacity },
    loop: await loadRoadmapLoop(membership, roadmap),
  };
}

const gateSchema = z.object({ phase: z.enum(PHASES), criterion: z.string().min(1), checked: z.enum(["true", "false"]) });
const statusSchema = z.object({ itemId: z.string().min(1), status: z.enum(["not_started", "in_progress", "done"], { error: "Choose a status from the list." }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "program_lead");
  const formData = await readForm(request);
  return handleForm(formData, async () => {
    if (formData.get("intent") === "gate") {
      const input = parseForm(gateSchema, formData);
      await setGateCriterion(membership, params.roadmapId ?? "", input.phase, input.criterion, input.checked === "true");
      return { ok: true as const, message: "Gate updated." };
    }
    if (formData.get("intent") === "add") {
      const input = parseForm(customItemSchema, formData);
      const dependsOn = formData.getAll("dependsOn").map(String);
      const added = await addCustomItem(membership, params.roadmapId ?? "", { ...input, parentId: input.parentId || null, dueDate: input.dueDate || null, dependsOn });
      return redirect(`/orgs/${membership.organization.slug}/roadmaps/${added.roadmapId}/items/${added.id}`);
    }
    const input = parseForm(statusSchema, formData);
    await updateRoadmapItem(membership, params.roadmapId ?? "", input.itemId, { status: input.status });
    return { ok: true as const, message: "Status saved." };
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

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

      <section className="card" aria-labelledby="progress-heading">
        <h3 id="progress-heading">Progress</h3>
        <label className="progress-label">
          <span>
            {progress.done} of {progress.total} milestones done ({Math.round(progress.share * 100)} %)
          </span>
          <progress max={Math.max(1, progress.total)} value={progress.done} />
        </label>
        <div className="phase-progress">
          {progress.phases.map((p) => (
            <label key={p.phase} className="progress-label">
              <span>
                {PHASE_LABELS[p.phase]}: {p.done} of {p.total}
                {p.overdue > 0 ? <span className="overdue"> · {p.overdue} overdue</span> : null}
                {p.blocked > 0 ? <span className="blocked"> · {p.blocked} blocked</span> : null}
              </span>
              <progress max={Math.max(1, p.total)} value={p.done} />
            </label>
          ))}
        </div>
      </section>

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

function Gates({ data }: { data: Data }) {
  return (
    <section className="card" aria-labelledby="gates-heading">
      <h3 id="gates-heading">Phase gates</h3>
      <p className="muted small">A phase is complete when every exit criterion of its gate is ticked. Work of a later phase may start earlier; it is flagged.</p>
      <div className="gates">
        {data.gates.map((gate) => (
          <div key={gate.phase} className="gate">
            <h4>
              {PHASE_LABELS[gate.phase]} {gate.passed ? <span className="badge badge-closed">passed</span> : null}
            </h4>
            <ul>
              {gate.criteria.map((c) => (
                <li key={c.id}>
                  {data.canEdit ? (
                    <Form method="post" className="gate-criterion">
                      <input type="hidden" name="intent" value="gate" />
                      <input type="hidden" name="phase" value={gate.phase} />
                      <input type="hidden" name="criterion" value={c.id} />
                      <input type="hidden" name="checked" value={c.check ? "false" : "true"} />
                      <button type="submit" className="link-button" aria-pressed={c.check !== null} aria-label={`${c.text}: ${c.check ? "ticked, untick" : "not ticked, tick"}`}>
                        {c.check ? "☑" : "☐"}
                      </button>{" "}
                      {c.text}
                    </Form>
                  ) : (
                    <span>
                      {c.check ? "☑" : "☐"} {c.text}
                    </span>
                  )}
                  {c.check ? (
                    <span className="muted small">
                      {" "}
                      ticked by {c.check.checkedByName ?? "a former member"} on {new Date(c.check.checkedAt).toISOString().slice(0, 10)}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

function flags(item: Item, data: Data) {
  const out: { className: string; text: string }[] = [];
  if (isOverdue(item, data.today)) out.push({ className: "overdue", text: "overdue" });
  if (item.status === "blocked") out.push({ className: "blocked", text: `blocked: ${item.blockedReason ?? ""}` });
  if (startedEarly(item, data.currentPhase)) out.push({ className: "early", text: "started before its phase" });
  if (item.noLongerNeeded) out.push({ className: "muted", text: "no longer needed" });
  return out;
}

function Flags({ item, data }: { item: Item; data: Data }) {
  return (
    <>
      {flags(item, data).map((f) => (
        <span key={f.text} className={`flag ${f.className}`}>
          {f.text}
        </span>
      ))}
    </>
  );
}

/** A Gantt-style chart: one bar per initiative, milestones as diamonds, today as a line. */
function Timeline({ data, base }: { data: Data; base: string }) {
  const initiatives = data.items.filter((i) => i.kind === "initiative");
  const dated = data.items.filter((i) => i.dueDate);
  const start = dayOf(data.roadmap.startDate);
  const end = Math.max(start + 7, ...dated.map((i) => dayOf(i.dueDate!)));
  const at = (iso: string) => `${(((dayOf(iso) - start) / (end - start)) * 100).toFixed(2)}%`;
  const today = dayOf(data.today);
  const todayInside = today >= start && today <= end;
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">Timeline</h3>
      <p className="muted small">
        Bars run from each initiative's start to its end; diamonds are milestones (filled when done). The line marks today ({data.today}). The list view has
        the same dates as a table.
      </p>
      <figure className="gantt" aria-label={`Timeline of ${initiatives.length} initiatives from ${data.roadmap.startDate} to ${data.summary.endDate}`}>
        {PHASES.map((phase) => {
          const rows = initiatives.filter((i) => i.phase === phase);
          if (rows.length === 0) return null;
          return (
            <div key={phase} className="gantt-phase">
              <div className="gantt-phase-label">{PHASE_LABELS[phase]}</div>
              {rows.map((item) => {
                const milestones = data.items.filter((m) => m.parentId === item.id && m.dueDate);
                const left = at(item.startDate ?? data.roadmap.startDate);
                const right = item.dueDate ?? item.startDate ?? data.roadmap.startDate;
                return (
                  <div key={item.id} className={`gantt-row status-${item.status}${isOverdue(item, data.today) ? " is-overdue" : ""}`}>
                    <div className="gantt-name">
                      <Link to={`${base}/items/${item.id}`}>{item.title}</Link>
                    </div>
                    <div className="gantt-track">
                      <span className="visually-hidden">
                        {item.startDate ?? data.roadmap.startDate} to {right}, {ITEM_STATUS_LABELS[item.status].toLowerCase()}
                        {isOverdue(item, data.today) ? ", overdue" : ""}; milestones: {milestones.map((m) => `${m.title} due ${m.dueDate}${m.status === "done" ? " (done)" : ""}`).join("; ") || "none"}
                      </span>
                      {todayInside ? <span className="gantt-today" style={{ left: at(data.today) }} /> : null}
                      <span className="gantt-bar" style={{ left, width: `calc(${at(right)} - ${left})` }} />
                      {milestones.map((m) => (
                        <span key={m.id} className={`gantt-milestone${m.status === "done" ? " done" : ""}`} style={{ left: at(m.dueDate!) }} title={`${m.title}: due ${m.dueDate}`} />
                      ))}
                    </div>
                  </div>
                );
              })}
            </div>
          );
        })}
      </figure>
    </section>
  );
}

function StatusForm({ item }: { item: Item }) {
  return (
    <Form method="post" className="inline-form status-form">
      <input type="hidden" name="itemId" value={item.id} />
      <label className="visually-hidden" htmlFor={`status-${item.id}`}>
        Status of {item.title}
      </label>
      <select id={`status-${item.id}`} name="status" defaultValue={item.status === "blocked" ? "in_progress" : item.status}>
        {(["not_started", "in_progress", "done"] as const).map((s) => (
          <option key={s} value={s}>
            {ITEM_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary button-small">
        Save
      </button>
    </Form>
  );
}

/** Cards per column before "show all": a long not-started column would bury the others. */
const BOARD_LIMIT = 8;

function Board({ data, base }: { data: Data; base: string }) {
  const [params] = useSearchParams();
  const showAll = params.get("all") === "1";
  const initiatives = data.items
    .filter((i) => i.kind === "initiative" && !i.noLongerNeeded)
    .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
  return (
    <section aria-labelledby="board-heading">
      <h3 id="board-heading" className="visually-hidden">
        Board
      </h3>
      <div className="board">
        {ITEM_STATUSES.map((status) => {
          const all = initiatives.filter((i) => i.status === status);
          const cards = showAll ? all : all.slice(0, BOARD_LIMIT);
          return (
            <section key={status} className="board-column" aria-labelledby={`column-${status}`}>
              <h4 id={`column-${status}`}>
                {ITEM_STATUS_LABELS[status]} <span className="muted">({all.length})</span>
              </h4>
              {cards.length === 0 ? <p className="muted small">Nothing here.</p> : null}
              <ul>
                {cards.map((item) => {
                  const milestones = data.items.filter((m) => m.parentId === item.id);
                  return (
                    <li key={item.id} className="board-card">
                      <Link to={`${base}/items/${item.id}`}>{item.title}</Link>
                      <p className="muted small">
                        {PHASE_LABELS[item.phase]} · due {item.dueDate ?? "—"} · {milestones.filter((m) => m.status === "done").length}/{milestones.length} milestones
                        {item.ownerName ? ` · ${item.ownerName}` : ""}
                      </p>
                      <Flags item={item} data={data} />
                      {data.canEdit && status !== "blocked" ? <StatusForm item={item} /> : null}
                    </li>
                  );
                })}
              </ul>
              {cards.length < all.length ? (
                <p className="small">
                  <Link to={`${base}?view=board&all=1`}>Show all {all.length}</Link>, soonest due first
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
    </section>
  );
}

/** One filter of the list: a labelled select whose options are [value, label] pairs. */
function FilterSelect({ label, name, value, options }: { label: string; name: string; value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

function ItemList({ data, base }: { data: Data; base: string }) {
  const [params] = useSearchParams();
  const phase = params.get("phase") ?? "";
  const status = params.get("status") ?? "";
  const owner = params.get("owner") ?? "";
  const only = params.get("only") ?? "";
  const shown = data.items.filter(
    (i) =>
      (!phase || i.phase === phase) &&
      (!status || i.status === status) &&
      (!owner || (owner === "none" ? i.ownerId === null : i.ownerId === owner)) &&
      (only !== "overdue" || isOverdue(i, data.today)) &&
      (only !== "milestones" || i.kind === "milestone"),
  );
  const parentTitle = new Map(data.items.map((i) => [i.id, i.title]));
  return (
    <section className="card" aria-labelledby="list-heading">
      <h3 id="list-heading">Initiatives and milestones</h3>
      <Form method="get" className="inline-form filters">
        <input type="hidden" name="view" value="list" />
        <FilterSelect label="Phase" name="phase" value={phase} options={[["", "All"], ...PHASES.map((p) => [p, PHASE_LABELS[p]] as const)]} />
        <FilterSelect label="Status" name="status" value={status} options={[["", "All"], ...ITEM_STATUSES.map((s) => [s, ITEM_STATUS_LABELS[s]] as const)]} />
        <FilterSelect
          label="Owner"
          name="owner"
          value={owner}
          options={[["", "Anyone"], ["none", "No owner"], ...data.members.map((m) => [m.id, m.name] as const)]}
        />
        <FilterSelect label="Show" name="only" value={only} options={[["", "Everything"], ["milestones", "Milestones only"], ["overdue", "Overdue only"]]} />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      <p className="muted small" role="status">
        {shown.length} of {data.items.length} items
      </p>
      <ScrollTable labelledBy="list-heading">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Phase</th>
            <th scope="col">Owner</th>
            <th scope="col">Start</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.id} className={isOverdue(item, data.today) ? "is-overdue" : undefined}>
              <th scope="row">
                <Link to={`${base}/items/${item.id}`}>{item.title}</Link>
                {item.kind === "milestone" ? <span className="muted small"> · milestone of {parentTitle.get(item.parentId ?? "") ?? "—"}</span> : null}{" "}
                <Flags item={item} data={data} />
              </th>
              <td data-label="Phase">{PHASE_LABELS[item.phase]}</td>
              <td data-label="Owner">{item.ownerName ?? "—"}</td>
              <td data-label="Start" className="nowrap">
                {item.startDate ?? "—"}
              </td>
              <td data-label="Due" className="nowrap">
                {item.dueDate ?? "—"}
              </td>
              <td data-label="Status">{ITEM_STATUS_LABELS[item.status]}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// Closing the loop: regenerate from a re-assessment, measured change against the projection,
// exports (CSV, calendar feed).
// ---------------------------------------------------------------------------------------

const signed = (value: number | null) => (value === null ? "–" : value > 0 ? `+${value.toFixed(1)}` : value < 0 ? `−${Math.abs(value).toFixed(1)}` : "±0.0");
const oneDecimal = (value: number | null) => (value === null ? "–" : value.toFixed(1));

function LoopSections({ data, base }: { data: Data; base: string }) {
  const { loop } = data;
  const [params] = useSearchParams();
  const regenerated = /^(\d+)-(\d+)$/.exec(params.get("regenerated") ?? "");
  const calendar = params.get("calendar");
  const sameAssessment = loop.latest?.id === loop.baseline.id;
  return (
    <>
      {regenerated ? (
        <p className="banner banner-success" role="status">
          Roadmap regenerated: {regenerated[1]} initiatives added, {regenerated[2]} no longer needed. Everything you tracked is kept.
        </p>
      ) : null}
      {loop.regenerateFrom && data.canEdit ? (
        <section className="card callout" aria-labelledby="regenerate-heading">
          <h3 id="regenerate-heading">A re-assessment is closed</h3>
          <p>
            “{loop.regenerateFrom.title}” was closed after the assessment this roadmap comes from. See which initiatives it adds and which are no longer
            needed before accepting; what you have tracked stays.
          </p>
          <p>
            <Link className="button" to={`${base}/regenerate?assessment=${loop.regenerateFrom.id}`}>
              Regenerate from {loop.regenerateFrom.title}
            </Link>
          </p>
        </section>
      ) : null}

      {loop.change ? (
        <section className="card" aria-labelledby="change-heading">
          <h3 id="change-heading">Projected vs measured</h3>
          <p className="muted small">
            Measured: the scores of “{loop.baseline.title}”, when the plan began, and of {sameAssessment ? "the same assessment (no re-assessment is closed yet)" : `“${loop.latest?.title}”, closed ${loop.latest?.closedAt}`}.
            Projected: the scores the plan expects once its last phase is done.
          </p>
          <ScrollTable labelledBy="change-heading">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">At the start</th>
                <th scope="col">Measured now</th>
                <th scope="col">Change</th>
                <th scope="col">Projected</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Maturity index</th>
                <td data-label="At the start">{oneDecimal(loop.change.index.baseline)}</td>
                <td data-label="Measured now">{oneDecimal(loop.change.index.measured)}</td>
                <td data-label="Change">{signed(loop.change.index.change)}</td>
                <td data-label="Projected">{oneDecimal(loop.change.index.projected)}</td>
              </tr>
              {loop.change.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.name}</th>
                  <td data-label="At the start">{oneDecimal(row.baseline)}</td>
                  <td data-label="Measured now">{oneDecimal(row.measured)}</td>
                  <td data-label="Change">{signed(row.change)}</td>
                  <td data-label="Projected">{oneDecimal(row.projected)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </section>
      ) : null}

      <section className="card" aria-labelledby="exports-heading">
        <h3 id="exports-heading">Exports</h3>
        <p>
          <a href={`${base}/export.csv`} download>
            Initiatives and milestones (CSV)
          </a>
        </p>
        <h4 id="calendar-heading">Calendar feed</h4>
        {calendar === "revoked" ? (
          <p className="banner banner-success" role="status">
            The calendar link is revoked; calendars subscribed to it no longer update.
          </p>
        ) : null}
        <p className="muted small">
          A secret link that calendar apps subscribe to: every milestone on its due date. {loop.calendarIssued ? "A link is active." : "No link is active."}
        </p>
        {data.canEdit ? (
          <div className="inline-form">
            <Form method="post" action={`${base}/calendar`}>
              <input type="hidden" name="intent" value="issue" />
              <button type="submit" className="button button-secondary">
                {loop.calendarIssued ? "Replace the calendar link" : "Create a calendar link"}
              </button>
            </Form>
            {loop.calendarIssued ? (
              <Form method="post" action={`${base}/calendar`}>
                <input type="hidden" name="intent" value="revoke" />
                <button type="submit" className="button button-danger">
                  Revoke the calendar link
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}
