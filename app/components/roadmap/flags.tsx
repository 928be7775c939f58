import { isOverdue, startedEarly } from "#app/domain/roadmap/tracking.ts";
import type { RoadmapPageData, RoadmapPageItem } from "./page-data.ts";

function flags(item: RoadmapPageItem, data: RoadmapPageData) {
  const out: { className: string; text: string }[] = [];
  if (isOverdue(item, data.today)) out.push({ className: "overdue", text: "overdue" });
  if (item.status === "blocked") out.push({ className: "blocked", text: `blocked: ${item.blockedReason ?? ""}` });
  if (startedEarly(item, data.currentPhase)) out.push({ className: "early", text: "started before its phase" });
  if (item.noLongerNeeded) out.push({ className: "muted", text: "no longer needed" });
  return out;
}

export function Flags({ item, data }: { item: RoadmapPageItem; data: RoadmapPageData }) {
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
