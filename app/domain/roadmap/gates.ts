import { PHASES, type Phase } from "./phases.ts";
import { currentPhase } from "./tracking.ts";

/** A tick on an exit criterion, as stored. */
export interface GateTick {
  phase: Phase;
  criterionId: string;
}

/**
 * Each phase's gate: its exit criteria with the tick each has (or null), and whether it is
 * passed, which takes at least one criterion and every one of them ticked.
 */
export function phaseGates<T extends GateTick>(criteriaOf: (phase: Phase) => readonly { id: string; text: string }[], ticks: readonly T[]) {
  return PHASES.map((phase) => {
    const criteria = criteriaOf(phase);
    const ticked = ticks.filter((t) => t.phase === phase);
    return {
      phase,
      criteria: criteria.map((c) => ({ ...c, check: ticked.find((t) => t.criterionId === c.id) ?? null })),
      passed: criteria.length > 0 && criteria.every((c) => ticked.some((t) => t.criterionId === c.id)),
    };
  });
}

/** The phase the roadmap is in, from its gates as phaseGates gives them. */
export function currentPhaseOfGates(gates: readonly { phase: Phase; criteria: readonly { id: string; check: unknown }[] }[]): Phase | null {
  return currentPhase(gates.map((g) => ({ phase: g.phase, criteria: g.criteria.map((c) => c.id), checked: g.criteria.filter((c) => c.check).map((c) => c.id) })));
}
