import { getDb } from "#db/client.ts";
import { setGateCheck, type Roadmap } from "#db/queries/roadmaps.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { phaseGates, type GateTick } from "#app/domain/roadmap/gates.ts";
import { PHASES, type Phase } from "#app/domain/roadmap/phases.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { roadmapMessages as m } from "#app/messages/roadmaps.ts";
import { authorize, type Membership } from "./access.server.ts";
import { findInitiativeLibrary } from "./initiatives.server.ts";
import { audit, requireRoadmap } from "./roadmap-access.server.ts";

/** A roadmap's phase gates: the exit criteria of the library it pinned, with the ticks given. */
export function roadmapGates<T extends GateTick>(roadmap: Pick<Roadmap, "libraryId" | "libraryVersion">, ticks: readonly T[]) {
  const library = findInitiativeLibrary(roadmap.libraryId, roadmap.libraryVersion);
  return phaseGates((phase) => (library?.gates[phase] ?? []).map((g) => ({ id: g.id, text: textIn(g.text) })), ticks);
}

/** Ticks or unticks one exit criterion of a phase gate, recording who and when. */
export async function setGateCriterion(membership: Membership, roadmapId: string, phase: Phase, criterionId: string, checked: boolean) {
  authorize(membership, "roadmap.edit");
  const roadmap = await requireRoadmap(membership, roadmapId);
  const library = findInitiativeLibrary(roadmap.libraryId, roadmap.libraryVersion);
  const criterion = PHASES.includes(phase) ? library?.gates[phase].find((g) => g.id === criterionId) : undefined;
  if (!criterion) throw new UserError(400, m.unknownCriterion);
  await setGateCheck(getDb(), roadmap.id, phase, criterionId, checked ? membership.user.id : null);
  await audit(membership, checked ? "roadmap.gate_checked" : "roadmap.gate_unchecked", { roadmapId: roadmap.id, phase, criterion: textIn(criterion.text) });
}
