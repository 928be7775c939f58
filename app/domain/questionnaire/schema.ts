import { z } from "zod";
import { citeInline } from "./bibliography.ts";

/** Plain English, or a map of locale to text with English required. */
export const localizedText = z.union([
  z.string().trim().min(1, "must not be empty"),
  z.object({ en: z.string().trim().min(1, "must not be empty") }).catchall(z.string().trim().min(1)),
]);
export type LocalizedText = z.infer<typeof localizedText>;

/** The text in the locale (English when it has none), with source keys shown as citations. */
export function textIn(text: LocalizedText, locale = "en"): string {
  return citeInline(typeof text === "string" ? text : (text[locale] ?? text.en));
}

export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

const id = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "must be kebab-case: lowercase letters, digits and single hyphens");

const levelKeyed = <T extends z.ZodType>(value: T) =>
  z.strictObject({ 1: value, 2: value, 3: value, 4: value, 5: value });

const semver = z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version like 1.0.0");

export const dimensionSchema = z.strictObject({
  id,
  name: localizedText,
  description: localizedText,
  weight: z.number().positive("must be greater than 0").max(5),
  target: z.number().int().min(1).max(5),
  sources: z.array(z.string().min(1)).min(1, "must cite at least one source"),
});

export const questionSchema = z.strictObject({
  id,
  dimension: id,
  focus: z.enum(["company", "individual"]).default("company"),
  text: localizedText,
  help: localizedText.optional(),
  weight: z.number().positive("must be greater than 0").max(5).default(1),
  notApplicable: z.boolean().default(false),
  options: levelKeyed(localizedText),
});

const outcomeRuleSchema = z.strictObject({
  id,
  label: localizedText,
  explanation: localizedText,
  when: z.union([
    z.strictObject({ dimension: id, below: z.number().min(1).max(5) }),
    z.strictObject({ always: z.literal(true) }),
  ]),
});

export const scoringRulesSchema = z.strictObject({
  /** How a respondent's dimension score is formed from the item levels. */
  respondentScore: z.literal("weighted-mean"),
  /** Share of a dimension's questions a respondent must answer for the dimension to count. */
  minimumCoverage: z.number().gt(0).max(1),
  consensus: z.strictObject({
    method: z.literal("rwg-uniform"),
    threshold: z.number().min(0).max(1),
    minimumRespondents: z.number().int().min(2),
  }),
  overall: z.literal("weighted-mean-of-dimensions"),
  /** Ordered rules, first match wins; for questionnaires that end in an outcome. */
  outcomes: z.array(outcomeRuleSchema).min(1).optional(),
});

const mappingEntrySchema = z.union([
  z.strictObject({ from: id, change: z.enum(["same", "reworded"]) }),
  z.strictObject({ change: z.literal("new") }),
]);

export const questionnaireVersionSchema = z.strictObject({
  questionnaire: id,
  version: semver,
  status: z.enum(["draft", "published", "retired"]),
  title: localizedText,
  description: localizedText,
  levels: levelKeyed(localizedText),
  scoring: scoringRulesSchema,
  dimensions: z.array(dimensionSchema).min(1),
  questions: z.array(questionSchema).min(1),
  /** For every version after the first: how each question continues the previous version. */
  mapping: z
    .strictObject({ from: semver, questions: z.record(id, mappingEntrySchema) })
    .optional(),
});

export type QuestionnaireVersion = z.infer<typeof questionnaireVersionSchema>;
export type Dimension = QuestionnaireVersion["dimensions"][number];
export type Question = QuestionnaireVersion["questions"][number];
export type ScoringRules = QuestionnaireVersion["scoring"];
export type VersionStatus = QuestionnaireVersion["status"];
