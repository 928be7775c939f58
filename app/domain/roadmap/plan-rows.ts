import type { PlannedInitiative } from "./generate.ts";

/**
 * The tracked items a planned initiative becomes: the initiative, then its milestones under it
 * (whose parent id is known once the initiative is stored). Milestones done at generation are
 * done as of `now`.
 */
export function plannedRows(roadmapId: string, initiative: PlannedInitiative, position: number, now: Date) {
  const common = { roadmapId, phase: initiative.phase, dimension: initiative.dimension, level: initiative.level, element: initiative.element };
  return {
    parent: {
      ...common,
      kind: "initiative" as const,
      key: initiative.id,
      title: initiative.title,
      description: initiative.description,
      ownerRole: initiative.ownerRole,
      startDate: initiative.start,
      dueDate: initiative.end,
      effortWeeks: initiative.effortWeeks,
      dependsOn: initiative.dependsOn,
      position,
      reason: initiative.reason,
      effect: initiative.effect,
    },
    milestones: initiative.milestones.map((milestone, i) => ({
      ...common,
      kind: "milestone" as const,
      key: milestone.id,
      title: milestone.title,
      description: milestone.acceptance,
      dueDate: milestone.due,
      status: milestone.done ? ("done" as const) : ("not_started" as const),
      completedAt: milestone.done ? now : null,
      position: position * 10 + i,
    })),
  };
}
