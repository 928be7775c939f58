import { Form, Link, useSearchParams } from "@remix-run/react";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { PHASES } from "#app/domain/roadmap/phases.ts";
import { isOverdue, ITEM_STATUS_LABELS, ITEM_STATUSES } from "#app/domain/roadmap/tracking.ts";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { Flags } from "./flags.tsx";
import type { RoadmapPageData } from "./page-data.ts";

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

export function ItemList({ data, base }: { data: RoadmapPageData; base: string }) {
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
