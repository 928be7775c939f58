import { textIn } from "#app/domain/questionnaire/schema.ts";
import { questionRows, resultsView, type DimensionRow, type ResultsView } from "#app/domain/results-view.ts";
import { explainScore, questionDistributions } from "#app/domain/scoring/index.ts";
import type { Membership } from "./access.server.ts";
import { loadAssessmentResults } from "./assessments.server.ts";

/** Comments per dimension in the report, each cut to a readable length. */
const COMMENTS_PER_DIMENSION = 3;
const COMMENT_LENGTH = 280;

export interface Report {
  organization: string;
  title: string;
  questionnaire: string;
  provisional: boolean;
  /** When the results were fixed (closing), or when the provisional report was made. */
  asOf: Date;
  view: ResultsView;
  levels: string[];
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
    sources: string[];
  };
}

/** Everything the PDF report shows, read through the same access check as the results page. */
export async function loadReport(membership: Membership, assessmentId: string, now = new Date()): Promise<Report> {
  const results = await loadAssessmentResults(membership, assessmentId);
  const { assessment, version, scorecard } = results;
  const view = resultsView(version, scorecard, results.perception, results.focus);
  const options = { targetProfile: assessment.targetProfile ?? undefined };
  return {
    organization: membership.organization.name,
    title: assessment.title,
    questionnaire: `${textIn(version.title)} ${version.version}`,
    provisional: results.provisional,
    asOf: assessment.closedAt && !results.provisional ? assessment.closedAt : now,
    view,
    levels: ([1, 2, 3, 4, 5] as const).map((level) => textIn(version.levels[level])),
    sections: version.dimensions.map((dimension, i) => {
      const { questions } = questionRows(version, questionDistributions(version, dimension.id, results.stored));
      return {
        row: view.dimensions[i]!,
        description: textIn(dimension.description),
        explanation: explainScore(version, results.responses, dimension.id, options),
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
      sources: [...new Set(version.dimensions.flatMap((d) => d.sources))].sort(),
    },
  };
}
