import { textIn } from "../questionnaire/schema.ts";
import { addDays } from "../dates.ts";
import { rankGaps } from "../scoring/maturity.ts";
import type { Scorecard } from "../scoring/score.ts";
import { PHASE_ELEMENTS, PHASES, type Initiative, type InitiativeLibrary, type KnowledgeInitiative, type Phase } from "./library.ts";
import { oneDecimal } from "../format.ts";

/** A dimension whose gap is at least this many levels gets initiatives. */
export const MINIMUM_GAP = 0.5;

export interface RoadmapOptions {
  /** The organization's ambition per dimension; missing dimensions use the scorecard's targets. */
  targetProfile?: Record<string, number>;
  /** ISO date (YYYY-MM-DD) the plan starts. */
  startDate: string;
  /** How many initiatives may run at the same time. */
  capacity: number;
  /** Weeks the plan is meant to cover; initiatives ending later are flagged. */
  horizonWeeks: number;
  /** What proves the current state was analysed (the assessment the plan comes from). */
  evidence?: string;
  /** The questionnaire's dimensions: names for the explanations, weights for the priority. */
  dimensions?: Record<string, { name: string; weight: number }>;
}

export interface PlannedMilestone {
  id: string;
  title: string;
  acceptance: string;
  due: string;
  done: boolean;
  evidence: string | null;
}

export interface PlannedInitiative {
  id: string;
  title: string;
  description: string;
  phase: Phase;
  element: string;
  elementLabel: string;
  dimension: string | null;
  level: number | null;
  ownerRole: string;
  effortWeeks: number;
  /** Only dependencies that are part of this plan; others are already reached. */
  dependsOn: string[];
  startWeek: number;
  endWeek: number;
  start: string;
  end: string;
  withinHorizon: boolean;
  /** Expected rise of the dimension's score, in levels. */
  effect: number | null;
  /** Why it is in the plan, in words. */
  reason: string;
  milestones: PlannedMilestone[];
}

export interface RoadmapPlan {
  /** Derived from the content: the same input gives the same id. */
  id: string;
  library: { id: string; version: string };
  startDate: string;
  endDate: string;
  capacity: number;
  horizonWeeks: number;
  phases: { phase: Phase; start: string; end: string; gate: { id: string; text: string }[]; initiatives: PlannedInitiative[] }[];
  /** The profile expected after each phase, from the initiatives' effects, capped at the target. */
  projection: { phase: Phase; profile: Record<string, number | null> }[];
  /** Dimensions planned for, in priority order, with the levels they step through. */
  dimensions: { id: string; score: number; target: number; gap: number; priority: number; rank: number; levels: number[] }[];
  notes: string[];
}

/** What a roadmap keeps of the plan it was accepted from (the roadmaps table's plan column). */
export type RoadmapSummary = Pick<RoadmapPlan, "id" | "dimensions" | "projection" | "notes" | "endDate">;

export const planSummary = (plan: RoadmapPlan): RoadmapSummary => ({ id: plan.id, dimensions: plan.dimensions, projection: plan.projection, notes: plan.notes, endDate: plan.endDate });

/** FNV-1a over the text, as 8 hex digits: a stable id without I/O or crypto. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** The levels a dimension steps through: above the level it has reached, up to its target. */
export function stepsUp(score: number, target: number): number[] {
  const levels: number[] = [];
  for (let level = Math.floor(score) + 1; level <= Math.min(5, Math.ceil(target)); level++) levels.push(level);
  return levels;
}

interface Candidate {
  source: KnowledgeInitiative | Initiative;
  phase: Phase;
  dimension: string | null;
  level: number | null;
  /** Sort key within a phase: higher priority first, then lower level, then library order. */
  priority: number;
  order: number;
  reason: string;
}

/**
 * Orders candidates so that each comes after its dependencies, choosing among the ready ones
 * by priority: a stable topological sort (Kahn's algorithm with a priority pick).
 */
function orderByDependencies(candidates: Candidate[], inPlan: Set<string>): Candidate[] {
  const byId = new Map(candidates.map((c) => [c.source.id, c]));
  const waitingOn = new Map(candidates.map((c) => [c.source.id, c.source.dependsOn.filter((d) => inPlan.has(d) && byId.has(d)).length]));
  const dependents = new Map<string, string[]>();
  for (const c of candidates) {
    for (const d of c.source.dependsOn) if (inPlan.has(d) && byId.has(d)) dependents.set(d, [...(dependents.get(d) ?? []), c.source.id]);
  }
  const better = (a: Candidate, b: Candidate) => b.priority - a.priority || (a.level ?? 0) - (b.level ?? 0) || a.order - b.order;
  const ready = candidates.filter((c) => waitingOn.get(c.source.id) === 0);
  const ordered: Candidate[] = [];
  while (ready.length > 0) {
    ready.sort(better);
    const next = ready.shift()!;
    ordered.push(next);
    for (const id of dependents.get(next.source.id) ?? []) {
      const left = waitingOn.get(id)! - 1;
      waitingOn.set(id, left);
      if (left === 0) ready.push(byId.get(id)!);
    }
  }
  if (ordered.length !== candidates.length) throw new Error("The initiative library has a dependency cycle; surveys:check rejects this.");
  return ordered;
}


/**
 * Turns a scorecard's gaps into a phased plan. The knowledge phase always comes first with
 * its key elements; every dimension with a gap of at least MINIMUM_GAP gets the design and
 * implementation initiatives that step it from its current level to its target, ordered by
 * priority (gap × weight) and dependencies, and scheduled from the start date with at most
 * `capacity` running at once. Deterministic: the same input gives the same plan.
 */
export function buildRoadmap(scorecard: Scorecard, library: InitiativeLibrary, options: RoadmapOptions): RoadmapPlan {
  const capacity = Math.max(1, Math.floor(options.capacity));
  const targets = { ...scorecard.targets, ...options.targetProfile };
  const weightOf = (id: string) => options.dimensions?.[id]?.weight ?? 1;
  const nameOf = (id: string) => options.dimensions?.[id]?.name ?? id;
  const notes: string[] = [];

  // Gaps against the plan's targets, ranked by priority as the scoring engine ranks them.
  const scored = scorecard.dimensions.filter((d) => d.mean !== null);
  for (const d of scorecard.dimensions) {
    if (d.mean === null) notes.push(`${nameOf(d.dimensionId)} has insufficient data, so the plan holds nothing for it yet.`);
  }
  const gaps = rankGaps(scored.map((d) => ({ dimensionId: d.dimensionId, score: d.mean!, target: targets[d.dimensionId] ?? d.mean!, weight: weightOf(d.dimensionId) }))).map(
    ({ dimensionId, ...g }) => ({ id: dimensionId, ...g, levels: stepsUp(g.score, g.target) }),
  );
  const planned = gaps.filter((g) => g.gap >= MINIMUM_GAP && g.levels.length > 0);

  const candidates: Candidate[] = library.knowledge.map((k, order) => ({
    source: k,
    phase: "knowledge",
    dimension: null,
    level: null,
    priority: 0,
    order,
    reason: `Every KAM transformation starts with the knowledge phase: ${PHASE_ELEMENTS.knowledge[k.element as keyof typeof PHASE_ELEMENTS.knowledge] ?? k.element}.`,
  }));
  for (const g of planned) {
    const wanted = new Set(g.levels);
    library.initiatives.forEach((initiative, order) => {
      if (initiative.dimension !== g.id || !wanted.has(initiative.level)) return;
      candidates.push({
        source: initiative,
        phase: initiative.phase,
        dimension: g.id,
        level: initiative.level,
        priority: g.priority,
        order,
        reason: `dimension ${nameOf(g.id)}: ${oneDecimal(g.score)} → target ${g.target}, gap ${oneDecimal(g.gap)}, priority ${g.rank} of ${gaps.length}; this initiative serves level ${initiative.level}.`,
      });
    });
  }
  const inPlan = new Set(candidates.map((c) => c.source.id));

  // Schedule phase by phase: a phase starts when the previous one has ended.
  const phases: RoadmapPlan["phases"] = [];
  const endOf = new Map<string, number>();
  let phaseStart = 0;
  for (const phase of PHASES) {
    const ordered = orderByDependencies(
      candidates.filter((c) => c.phase === phase),
      inPlan,
    );
    const slots = Array.from({ length: capacity }, () => phaseStart);
    const initiatives = ordered.map((c): PlannedInitiative => {
      const dependsOn = c.source.dependsOn.filter((d) => inPlan.has(d));
      const earliest = Math.max(phaseStart, ...dependsOn.map((d) => endOf.get(d) ?? phaseStart));
      const slot = slots.indexOf(Math.min(...slots));
      const startWeek = Math.max(earliest, slots[slot]!);
      const endWeek = startWeek + c.source.effortWeeks;
      slots[slot] = endWeek;
      endOf.set(c.source.id, endWeek);
      const count = c.source.milestones.length;
      const isAnalysis = phase === "knowledge" && c.source.element === "current-state-analysis";
      return {
        id: c.source.id,
        title: textIn(c.source.title),
        description: textIn(c.source.description),
        phase,
        element: c.source.element,
        elementLabel: (PHASE_ELEMENTS[phase] as Record<string, string>)[c.source.element] ?? c.source.element,
        dimension: c.dimension,
        level: c.level,
        ownerRole: c.source.ownerRole,
        effortWeeks: c.source.effortWeeks,
        dependsOn,
        startWeek,
        endWeek,
        start: addDays(options.startDate, startWeek * 7),
        end: addDays(options.startDate, endWeek * 7),
        withinHorizon: endWeek <= options.horizonWeeks,
        effect: "effect" in c.source ? c.source.effect : null,
        reason: c.reason,
        milestones: c.source.milestones.map((m, i) => {
          const done = isAnalysis && i === 0;
          return {
            id: `${c.source.id}/${m.id}`,
            title: textIn(m.title),
            acceptance: textIn(m.acceptance),
            // Spread over the initiative: the last one is due when it ends.
            due: addDays(options.startDate, Math.round((startWeek + (c.source.effortWeeks * (i + 1)) / count) * 7)),
            done,
            evidence: done ? (options.evidence ?? "The maturity assessment this plan was generated from.") : null,
          };
        }),
      };
    });
    const phaseEnd = Math.max(phaseStart, ...initiatives.map((i) => i.endWeek));
    phases.push({
      phase,
      start: addDays(options.startDate, phaseStart * 7),
      end: addDays(options.startDate, phaseEnd * 7),
      gate: library.gates[phase].map((g) => ({ id: g.id, text: textIn(g.text) })),
      initiatives,
    });
    phaseStart = phaseEnd;
  }

  const beyond = phases.flatMap((p) => p.initiatives).filter((i) => !i.withinHorizon).length;
  if (beyond > 0) notes.push(`${beyond} initiatives end after the ${options.horizonWeeks}-week horizon; more capacity or nearer targets would bring them in.`);

  // Projection: each phase's effects added to the scores, never beyond the target.
  const profile = new Map(scorecard.dimensions.map((d) => [d.dimensionId, d.mean]));
  const projection = phases.map(({ phase, initiatives }) => {
    for (const i of initiatives) {
      if (i.dimension === null || i.effect === null) continue;
      const now = profile.get(i.dimension);
      if (now === null || now === undefined) continue;
      profile.set(i.dimension, Math.max(now, Math.min(targets[i.dimension] ?? 5, 5, now + i.effect)));
    }
    return { phase, profile: Object.fromEntries(profile) };
  });

  const content = JSON.stringify([library.library, library.version, options.startDate, capacity, phases.map((p) => p.initiatives.map((i) => [i.id, i.start]))]);
  return {
    id: fingerprint(content),
    library: { id: library.library, version: library.version },
    startDate: options.startDate,
    endDate: phases.at(-1)!.end,
    capacity,
    horizonWeeks: options.horizonWeeks,
    phases,
    projection,
    dimensions: planned.map(({ id, score, target, gap, priority, rank, levels }) => ({ id, score, target, gap, priority, rank, levels })),
    notes,
  };
}
