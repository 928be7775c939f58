export { explainScore } from "./explain.ts";
export { questionDistributions, type QuestionDistribution } from "./distribution.ts";
export { maturityIndex, rankGaps } from "./maturity.ts";
export { perceptionGaps, type PerceptionGap } from "./perception.ts";
export { ScoringInputError, type Answer, type AnswerValue, type RespondentResponse } from "./input.ts";
export {
  outcomeOf,
  respondentDimensionScore,
  scoreAssessment,
  SCORING_ENGINE_VERSION,
  stageOf,
  type DimensionStats,
  type GapEntry,
  type Scorecard,
  type ScoreOptions,
} from "./score.ts";
