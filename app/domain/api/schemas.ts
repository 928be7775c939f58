// The public API's contract: every input and output of /api/v1 is one of these schemas.
// The routes parse their input and shape their output with them, and the OpenAPI document
// (openapi.ts) is generated from them, so the two cannot drift apart.
import { z } from "zod";
import { roadmapMessages } from "../../messages/roadmaps.ts";
import { BENCHMARK_POOLS } from "../benchmark-view.ts";
import { TEXT_LIMITS } from "../input-limits.ts";
import { ANY } from "../benchmarks.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "../organization-options.ts";
import { OTHER_FUNCTIONS } from "../privacy.ts";
import { RESPONDENT_FUNCTIONS } from "../respondents.ts";
import { PHASES } from "../roadmap/library.ts";
import { ITEM_STATUSES } from "../roadmap/tracking.ts";

const id = z.uuid();
const timestamp = z.iso.datetime({ offset: true });
const date = z.iso.date();

export const ERROR_CODES = ["invalid_request", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict", "payload_too_large", "rate_limited", "unavailable"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  });

export const PAGE_LIMIT = { default: 50, max: 100 } as const;

export const listQuerySchema = z.object({
  cursor: z.string().min(1).optional().describe("The `nextCursor` of the previous page; opaque."),
  limit: z.coerce
    .number({ error: "The limit must be a number." })
    .int("The limit must be a whole number.")
    .min(1, "The limit must be at least 1.")
    .max(PAGE_LIMIT.max, `The limit must be at most ${PAGE_LIMIT.max}.`)
    .default(PAGE_LIMIT.default),
});

/** A page of a list; `nextCursor` is null on the last page. */
const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const questionnaireVersionSchema = z.object({
  questionnaireId: z.string(),
  title: z.string(),
  version: z.string(),
  status: z.string(),
  contentHash: z.string(),
});
export const questionnairesResponseSchema = z.object({ data: z.array(questionnaireVersionSchema) });

export const assessmentSchema = z.object({
  id,
  title: z.string(),
  status: z.enum(["draft", "open", "closed"]),
  questionnaireId: z.string(),
  version: z.string(),
  createdAt: timestamp,
  closedAt: timestamp.nullable(),
  respondentCount: z.number().int(),
  submittedCount: z.number().int(),
});
export const assessmentsResponseSchema = page(assessmentSchema);

const dimensionStats = z.object({
  dimensionId: z.string(),
  status: z.enum(["scored", "insufficient_data"]),
  withheld: z
    .enum(["too_few", "complementary"])
    .nullable()
    .describe(
      "Why there is no score: fewer respondents count than the organization's minimum group size (too_few), or the score is hidden so that a smaller hidden group cannot be worked out from the shown ones (complementary).",
    ),
  n: z.number().int().describe("Respondents counted for the dimension."),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  sd: z.number().nullable(),
  rwg: z.number().nullable(),
  consensus: z.enum(["consensus", "divided"]).nullable(),
  coverage: z.number().nullable(),
});

export const scorecardResponseSchema = z.object({
  assessmentId: id,
  provisional: z.boolean().describe("True while the assessment is not closed: a score of the answers so far."),
  engineVersion: z.string(),
  questionnaire: z.string(),
  version: z.string(),
  respondentCount: z.number().int(),
  minimumGroupSize: z.number().int().describe("No figure is computed from fewer respondents than this (the organization's setting, at least 3)."),
  dimensions: z.array(dimensionStats),
  byFunction: z
    .array(
      z.object({
        group: z.enum([...RESPONDENT_FUNCTIONS, OTHER_FUNCTIONS]).describe(`A respondent function, or "${OTHER_FUNCTIONS}" for the functions combined because each alone is too small.`),
        functions: z.array(z.enum(RESPONDENT_FUNCTIONS)),
        respondentCount: z.number().int(),
        dimensions: z.array(dimensionStats),
      }),
    )
    .describe("Scores per group of respondent functions; empty when no breakdown can be shown without revealing a group smaller than the minimum."),
  combinedFunctions: z.array(z.enum(RESPONDENT_FUNCTIONS)).describe("Functions not shown on their own: in the other_functions group, or, when byFunction is empty, not broken down at all."),
  overall: z.object({
    index: z.number().nullable(),
    stage: z.object({ level: z.number().int(), label: z.string() }).nullable(),
    weakest: z.object({ dimensionId: z.string(), score: z.number() }).nullable(),
  }),
  targets: z.record(z.string(), z.number()),
  targetSource: z.enum(["best_practice", "organization"]),
  gaps: z.array(
    z.object({ dimensionId: z.string(), score: z.number(), target: z.number(), gap: z.number(), priority: z.number(), rank: z.number().int() }),
  ),
});

export const answerSchema = z.object({
  respondent: z
    .string()
    .describe("The respondent's code in this export (R1, R2, … drawn at random per export, or R-… kept across exports when the organization chooses stable codes); names are never exported."),
  function: z.enum(RESPONDENT_FUNCTIONS).nullable().describe("Null where fewer respondents than the minimum group size share the function."),
  dimension: z.string(),
  question: z.string(),
  choice: z.enum(["level", "dont_know", "not_applicable"]).nullable(),
  level: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable().describe("Null on questions fewer respondents than the minimum group size answered."),
});
export const answersResponseSchema = z.object({ assessmentId: id, data: z.array(answerSchema) });

export const respondentSchema = z.object({
  id,
  name: z.string(),
  function: z.enum(RESPONDENT_FUNCTIONS),
  status: z.enum(["invited", "started", "submitted"]),
});
export const respondentsResponseSchema = page(respondentSchema);

export const roadmapSummarySchema = z.object({
  id,
  title: z.string(),
  baselineAssessmentId: id,
  assessmentId: id,
  startDate: date,
  createdAt: timestamp,
});
export const roadmapsResponseSchema = page(roadmapSummarySchema);

const itemFields = {
  id,
  key: z.string(),
  phase: z.enum(PHASES),
  title: z.string(),
  description: z.string(),
  status: z.enum(ITEM_STATUSES),
  blockedReason: z.string().nullable(),
  startDate: date.nullable(),
  dueDate: date.nullable(),
  ownerName: z.string().nullable(),
  completedAt: timestamp.nullable(),
};
export const milestoneSchema = z.object(itemFields);
export const initiativeSchema = z.object({
  ...itemFields,
  dimension: z.string().nullable(),
  level: z.number().int().nullable(),
  milestones: z.array(milestoneSchema),
});
export const roadmapResponseSchema = roadmapSummarySchema.extend({
  currentPhase: z.enum(PHASES).nullable(),
  initiatives: z.array(initiativeSchema),
});

export const milestoneUpdateSchema = z
  .object({
    status: z.enum(ITEM_STATUSES, { error: "Choose one of: not_started, in_progress, done, blocked." }).optional(),
    blockedReason: z.string().trim().min(1, roadmapMessages.blockedReasonRequired).max(TEXT_LIMITS.blockedReason, roadmapMessages.blockedReasonTooLong).optional(),
    evidence: z.string().trim().min(1, roadmapMessages.evidenceEmpty).max(TEXT_LIMITS.note, roadmapMessages.evidenceTooLong).optional(),
  })
  .strict()
  .refine((v) => v.status !== undefined || v.evidence !== undefined, { message: "Send a status, evidence or both.", path: ["status"] })
  .refine((v) => v.status !== "blocked" || v.blockedReason !== undefined, { message: roadmapMessages.blockedReasonRequired, path: ["blockedReason"] });
export type MilestoneUpdate = z.infer<typeof milestoneUpdateSchema>;
export const milestoneResponseSchema = z.object({ roadmapId: id, milestone: milestoneSchema });

export const clientSchema = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  industry: z.string(),
  sizeBand: z.string(),
  region: z.string(),
  engagementRole: z.enum(["viewer", "admin"]).describe("The role the consultancy's engagement grants in this client."),
  latestAssessment: z.object({ id, title: z.string(), status: z.enum(["draft", "open", "closed"]) }).nullable(),
  latestScores: z
    .object({
      assessmentId: id,
      version: z.string(),
      closedAt: timestamp,
      index: z.number().nullable(),
      stage: z.object({ level: z.number().int(), label: z.string() }).nullable(),
      dimensions: z.record(z.string(), z.number().nullable()).describe("Mean per dimension id; null for insufficient data."),
    })
    .nullable()
    .describe("The newest closed KAM maturity assessment's scores."),
  changeSincePrevious: z.number().nullable().describe("Index change since the closed assessment before it, same questionnaire version only."),
  roadmap: z
    .object({ id, title: z.string(), phase: z.enum(PHASES).nullable(), milestonesDone: z.number().int(), milestonesTotal: z.number().int(), overdue: z.number().int() })
    .nullable(),
});
export const clientsResponseSchema = page(clientSchema);
const segmentField = (options: readonly string[], what: string) =>
  z
    .enum([ANY, ...options] as [string, ...string[]], { error: `Choose "${ANY}" or one of the ${what} options.` })
    .default(ANY)
    .describe(`"${ANY}" (the default) or one of: ${options.join("; ")}.`);

export const benchmarkQuerySchema = z.object({
  questionnaire: z.string({ error: "Name the questionnaire, such as kam-maturity." }).min(1, "Name the questionnaire, such as kam-maturity."),
  version: z.string({ error: "Name the questionnaire version, such as 1.0.0." }).min(1, "Name the questionnaire version, such as 1.0.0."),
  pool: z.enum(BENCHMARK_POOLS, { error: `Choose one of: ${BENCHMARK_POOLS.join(", ")}.` }).default("platform").describe("The pool to compare with."),
  industry: segmentField(INDUSTRIES, "industry"),
  sizeBand: segmentField(SIZE_BANDS, "size band"),
  region: segmentField(REGIONS, "region"),
});

const benchmarkStatisticSchema = z.object({
  n: z.number().int(),
  median: z.number(),
  q1: z.number().describe("First quartile (type 7 interpolation)."),
  q3: z.number().describe("Third quartile (type 7 interpolation)."),
  subjectScore: z.number().nullable().describe("The token's organization's own score (its latest closed assessment), when it has one."),
  percentileRank: z
    .number()
    .nullable()
    .describe("Share (0–100) of the segment's other independent organizations below the organization, ties counted half."),
});

export const benchmarkResponseSchema = z.object({
  questionnaire: z.string(),
  version: z.string(),
  pool: z.enum(BENCHMARK_POOLS),
  poolLabel: z.string().describe('The pool in words; says "sample data" when the pool is generated sample data.'),
  sampleData: z.boolean(),
  segment: z.object({ industry: z.string(), sizeBand: z.string(), region: z.string() }),
  suppressed: z.boolean().describe("True when the segment's statistics are withheld; `reason` says why."),
  reason: z
    .string()
    .nullable()
    .describe('Why the statistics are withheld, e.g. "needs 5 independent organizations in this segment; 3 so far"; null when shown.'),
  n: z
    .number()
    .int()
    .nullable()
    .describe("Independent organizations in the segment (organizations run by the same owners or admins count once); null when suppressed."),
  index: benchmarkStatisticSchema.nullable(),
  dimensions: z.array(benchmarkStatisticSchema.extend({ dimensionId: z.string() })),
});
