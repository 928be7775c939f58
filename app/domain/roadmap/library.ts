import { z } from "zod";
import { localizedText } from "../questionnaire/schema.ts";

import { PHASES, type Phase } from "./phases.ts";

export { PHASES, type Phase };

/** Each phase's key elements (DOMAIN.md, after seed report 004); every initiative serves one. */
export const PHASE_ELEMENTS = {
  knowledge: {
    "current-state-analysis": "Analysis of the current KAM state",
    "best-practices-learning": "Best practices, inspiration and learning",
    "vision-and-goals": "Vision and goals",
    "stakeholder-buy-in": "Stakeholder buy-in",
    "strategy-and-roadmap": "KAM strategy and roadmap",
  },
  design: {
    "organizational-changes": "Organizational changes",
    "teams-and-governance": "Cross-functional teams and governance",
    "process-implementation": "Process implementation",
    "it-and-tools": "IT and tool support",
    "competency-development": "Competency development, training and culture",
    "internal-pilots": "Internal pilot projects",
  },
  implementation: {
    "roll-out": "Roll-out to key accounts",
    "monitoring-and-evaluation": "Monitoring and evaluation",
    "coaching-and-support": "Coaching and support",
    "quick-wins": "Quick wins and motivation",
    "continuous-improvement": "Adjustment and continuous improvement",
  },
} as const satisfies Record<Phase, Record<string, string>>;

export type PhaseElement<P extends Phase = Phase> = keyof (typeof PHASE_ELEMENTS)[P] & string;

const id = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "must be kebab-case: lowercase letters, digits and single hyphens");
const semver = z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version like 1.0.0");

export const milestoneSchema = z.strictObject({
  id,
  title: localizedText,
  /** The evidence that shows the milestone is reached. */
  acceptance: localizedText,
});

const initiativeFields = {
  id,
  title: localizedText,
  description: localizedText,
  element: id,
  effortWeeks: z.number().int().min(1).max(52),
  /** Who should own it, as a job role (for example "Head of KAM"). */
  ownerRole: z.string().trim().min(1),
  dependsOn: z.array(id).default([]),
  milestones: z.array(milestoneSchema).min(1, "needs at least one milestone").max(4, "has at most four milestones"),
};

/** The knowledge phase's initiatives: the same for every organization, one per key element. */
export const knowledgeInitiativeSchema = z.strictObject({ ...initiativeFields });

/** A design or implementation initiative that steps one dimension up to `level`. */
export const initiativeSchema = z.strictObject({
  ...initiativeFields,
  dimension: id,
  /** The level it helps the dimension reach: 2, 3, 4 or 5. */
  level: z.number().int().min(2).max(5),
  phase: z.enum(["design", "implementation"]),
  /** The expected rise of the dimension's score once it is done, in levels. */
  effect: z.number().gt(0).max(2),
});

export const gateSchema = z.array(z.strictObject({ id, text: localizedText })).min(1);

export const initiativeLibrarySchema = z.strictObject({
  library: id,
  version: semver,
  status: z.enum(["draft", "published", "retired"]),
  /** The questionnaire version whose dimensions the initiatives serve. */
  questionnaire: id,
  questionnaireVersion: semver,
  title: localizedText,
  /** Exit criteria per phase; a gate is passed when all are ticked. */
  gates: z.strictObject({ knowledge: gateSchema, design: gateSchema, implementation: gateSchema }),
  knowledge: z.array(knowledgeInitiativeSchema).min(1),
  initiatives: z.array(initiativeSchema).min(1),
});

export type InitiativeLibrary = z.infer<typeof initiativeLibrarySchema>;
export type KnowledgeInitiative = z.infer<typeof knowledgeInitiativeSchema>;
export type Initiative = z.infer<typeof initiativeSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;

/**
 * The questionnaires that drive roadmaps: those an initiative library that is not retired
 * serves. The library names its questionnaire, so the (frozen) questionnaire content need not.
 */
export function roadmapQuestionnaires(libraries: readonly Pick<InitiativeLibrary, "questionnaire" | "status">[]): Set<string> {
  return new Set(libraries.filter((l) => l.status !== "retired").map((l) => l.questionnaire));
}
