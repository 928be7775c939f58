import type { BenchmarkView } from "./benchmark-view.ts";
import type { Comparison } from "./comparison.ts";
import type { RoadmapStatus } from "./roadmap/loop.ts";
import { citation } from "./questionnaire/bibliography.ts";
import { textIn, type QuestionnaireVersion } from "./questionnaire/schema.ts";
import { questionRows, resultsView, type DimensionRow, type ResultsView } from "./results-view.ts";
import { explainScore, questionDistributions, type RespondentResponse } from "./scoring/index.ts";
import type { StoredAnswerView } from "./scoring/distribution.ts";
import type { PerceptionGap } from "./scoring/perception.ts";
import type { GapEntry, Scorecard } from "./scoring/score.ts";

/** Comments per dimension in the report, each cut to a readable length. */
const COMMENTS_PER_DIMENSION = 3;
const COMMENT_LENGTH = 280;

export interface Report {
  organization: string;
  /** The consultancy that made the report for its client, named on the title page. */
  preparedBy: string | null;
  title: string;
  questionnaire: string;
  provisional: boolean;
  /** When the results were fixed (closing), or when the provisional report was made. */
  asOf: Date;
  view: ResultsView;
  /** The index's change since the previous comparable assessment, when there is one. */
  sincePrevious: { title: string; date: string; before: number | null; now: number | null; questionsCounted: number | null } | null;
  levels: string[];
  /** The roadmap generated from this assessment or a later one, as it stands; null when there is none. */
  roadmap: RoadmapStatus | null;
  /** The benchmark segment asked for with the report, or null for a draft. */
  benchmark: BenchmarkView | null;
  sections: {
    row: DimensionRow;
    description: string;
    explanation: string[];
    questions: ReturnType<typeof questionRows>["questions"];
    comments: string[];
  }[];
  methods: {
    minimumCoverage: number;
    consensusThreshold: number;
    consensusMinimum: number;
    description: string;
    /** Full references of the publications the dimensions draw on. */
    sources: string[];
  };
}

export interface ReportInput {
  organization: string;
  preparedBy: string | null;
  title: string;
  provisional: boolean;
  asOf: Date;
  targetProfile: Record<string, number> | null;
  version: QuestionnaireVersion;
  scorecard: Scorecard;
  responses: RespondentResponse[];
  stored: StoredAnswerView[];
  perception: PerceptionGap[];
  focus: (GapEntry & { explanation: string[] })[];
  comparison: Comparison | null;
  roadmap?: RoadmapStatus | null;
  benchmark?: BenchmarkView | null;
}

/** Everything the PDF report shows, laid out from the scored results. */
export function buildReport(input: ReportInput): Report {
  const { version } = input;
  const view = resultsView(version, input.scorecard, input.perception, input.focus);
  const minimumGroupSize = input.scorecard.minimumGroupSize;
  const options = { targetProfile: input.targetProfile ?? undefined, minimumGroupSize };
  return {
    organization: input.organization,
    preparedBy: input.preparedBy,
    title: input.title,
    questionnaire: `${textIn(version.title)} ${version.version}`,
    provisional: input.provisional,
    asOf: input.asOf,
    view,
    sincePrevious: input.comparison
      ? { title: input.comparison.changes.previous.title, date: input.comparison.changes.previous.date, before: input.comparison.changes.index.before, now: input.comparison.changes.index.now, questionsCounted: input.comparison.acrossVersions?.questionsCounted ?? null }
      : null,
    levels: ([1, 2, 3, 4, 5] as const).map((level) => textIn(version.levels[level])),
    roadmap: input.roadmap ?? null,
    benchmark: input.benchmark ?? null,
    sections: version.dimensions.map((dimension, i) => {
      const { questions } = questionRows(version, questionDistributions(version, dimension.id, input.stored, minimumGroupSize));
      return {
        row: view.dimensions[i]!,
        description: textIn(dimension.description),
        explanation: explainScore(version, input.responses, dimension.id, options),
        questions,
        comments: questions
          .flatMap((q) => q.comments)
          .slice(0, COMMENTS_PER_DIMENSION)
          .map((c) => (c.length > COMMENT_LENGTH ? `${c.slice(0, COMMENT_LENGTH - 1).trimEnd()}…` : c)),
      };
    }),
    methods: {
      minimumCoverage: version.scoring.minimumCoverage,
      consensusThreshold: version.scoring.consensus.threshold,
      consensusMinimum: version.scoring.consensus.minimumRespondents,
      description: textIn(version.description),
      sources: [...new Set(version.dimensions.flatMap((d) => d.sources).map((key) => citation(key).reference))].sort(),
    },
  };
}
