/** The English copy of the PDF board report. */

const list = (items: string[]) => items.join(", ");

export const reportMessages = {
  kind: "KAM maturity report",
  documentTitle: (title: string) => `${title}: KAM maturity report`,
  preparedBy: (name: string) => `Prepared by ${name}`,
  preparedWith: "Prepared with KAM Navigator",
  runningHeader: (organization: string, title: string, provisional: boolean) => `${organization} · ${title}${provisional ? " · provisional" : ""}`,

  title: {
    questionnaire: "Questionnaire",
    provisionalAsOf: "Provisional, as of",
    fixedOn: "Results fixed on",
    respondents: "Respondents",
    index: "Maturity index",
    notEnoughAnswers: "not enough answers",
    provisional: "Provisional: the assessment was still open when this report was made, so its numbers can change.",
  },

  summary: {
    heading: "Executive summary",
    indexLabel: "KAM maturity index",
    noStage: "Not enough answers yet",
    weakestLabel: "Weakest dimension",
    responsesLabel: "Responses",
    functionCount: (count: number) => `${count} functions`,
    organizationTargets: "the organization's own targets",
    bestPracticeTargets: "the best-practice profile",
    tooFewAnswers: "Too few answers have been given to compute the maturity index yet.",
    index: (index: string, stage: string | null, respondents: number, functions: number) =>
      `The organization's KAM maturity index is ${index} on a scale of 1 to 5 (${stage}), from ${respondents} respondents in ${functions} functions. `,
    largestGaps: (target: string, dimensions: string[]) => `Measured against ${target}, the largest gaps weighted by importance are in ${list(dimensions)}.`,
    noGaps: (target: string) => `Every scored dimension meets ${target}.`,
    sincePrevious: (title: string, date: string, delta: number, now: string, before: string) =>
      `Since ${title} (${date}) the index has ${Math.abs(delta) < 0.05 ? "held at" : delta > 0 ? "risen to" : "fallen to"} ${now}, from ${before}.`,
    acrossVersions: (questions: number) => ` Across questionnaire versions, both are counted on the ${questions} questions that stayed the same.`,
    topGaps: "Top gaps",
    noGapRows: "No dimension falls short of its target.",
    disagreeMost: "Where functions disagree most",
    contentsHeading: "What the following pages hold",
    contentsProfile: "The profile against target and best practice, with every dimension's statistics.",
    contentsPerception: "How the functions see the organization differently.",
    contentsRoadmap: "Where the transformation roadmap stands: progress per phase, what is overdue or blocked, the next milestones.",
    contentsDimensions: "One page per dimension: how its score came about, each question's answers, and comments.",
    contentsMethods: "How the numbers are computed, and the sources the questionnaire draws on.",
  },

  perceptionSentence: (dimension: string, low: string, high: string, spread: number) =>
    `${dimension}: ${low} against ${high}, a difference of ${spread.toFixed(1)} levels.`,

  columns: {
    priority: "Priority",
    dimension: "Dimension",
    score: "Score",
    target: "Target",
    gap: "Gap",
    consensus: "Consensus",
    n: "n",
    sd: "SD",
    coverage: "Coverage",
    benchmark: (sampleData: boolean) => (sampleData ? "Benchmark (sample data)" : "Benchmark"),
  },

  profile: {
    heading: "Profile against target and best practice",
    benchmark: (n: number | null, pool: string, segment: string) =>
      `Benchmark: ${n} organizations in the ${pool}, ${segment}. The dotted line is their median; the table gives the median, the interquartile range and this assessment's percentile rank among them.`,
    benchmarkSuppressed: (segment: string, pool: string, reason: string | null) => `Benchmark for ${segment} in the ${pool}: ${reason}.`,
    current: "Current profile",
    ownTarget: "Your target",
    bestPracticeTarget: "Target (best practice)",
    bestPractice: "Best practice",
    insufficientData: "insufficient data",
  },

  perception: {
    heading: "Perception gaps between functions",
    oneFunction: "All respondents with answers work in one function, so there is nothing to compare between functions yet.",
    intro: "How each function rates the organization. Large differences show where people see the same practice differently: worth a conversation before deciding what to change.",
    hidden: "hidden",
  },

  roadmap: {
    heading: "Transformation roadmap",
    complete: "complete (every gate passed)",
    summary: (r: { title: string; fromAssessment: string; startDate: string; endDate: string; done: number; total: number; overdue: number; blocked: number }, asOf: string, phase: string) =>
      `${r.title}, generated from ${r.fromAssessment}: ${r.startDate} to ${r.endDate}. As of ${asOf}, ` +
      `${r.done} of ${r.total} milestones are done; the current phase is ${phase}. ` +
      `Of its initiatives and milestones, ${r.overdue} ${r.overdue === 1 ? "is" : "are"} overdue and ${r.blocked} blocked.`,
    perPhase: "Progress per phase",
    phase: "Phase",
    milestonesDone: "Milestones done",
    progress: "Progress",
    overdueMilestones: "Overdue milestones",
    blocked: "Blocked",
    doneOf: (done: number, total: number) => `${done} of ${total}`,
    next: "Next milestones",
    noNext: "No milestone is open with a due date from today on.",
    due: "Due",
    milestone: "Milestone",
    initiative: "Initiative",
    owner: "Owner",
    overdueNote: "Overdue: past its due date and not done. Milestones of initiatives marked no longer needed (their gap closed) are not counted.",
  },

  dimension: {
    position: (n: number, of: number) => `Dimension ${n} of ${of}`,
    rankOf: (rank: number, of: number) => `${rank} of ${of}`,
    insufficientData: "Insufficient data: too few respondents answered enough of this dimension's questions.",
    howScored: "How the score came about",
    questions: "Questions",
    question: "Question",
    mean: "Mean",
    levels: "Levels 1–5",
    dontKnowNotApplicable: "Don't know / n.a.",
    withheld: (text: string, answered: number, minimum: number) => `${text} (${answered} answered: shown from ${minimum} on)`,
    comments: "Comments",
  },

  methods: {
    heading: "How these numbers are made",
    questionnaire: (questionnaire: string, respondents: number, engine: string) =>
      `Questionnaire: ${questionnaire}. ${respondents} respondents answered at least one question. Scored by engine ${engine}.`,
    levels: (levels: string[]) =>
      `Every question describes observable practice at five levels: ${list(levels.map((l, n) => `${n + 1} ${l}`))}. Respondents may also answer "don't know" or, where allowed, "not applicable"; neither counts in a score.`,
    respondentScore: "A respondent's score on a dimension is the weighted mean of the levels they chose on its questions.",
    coverage: (percent: number) =>
      `A respondent counts for a dimension after choosing a level on at least ${percent} % of its questions; n is the number who count. The dimension's score is the mean over those respondents; with none, it shows "insufficient data".`,
    index: "The maturity index is the weighted mean of the scored dimensions, rounded to one decimal. The stage is the highest level the index reaches.",
    gap: (organizationTargets: boolean) =>
      `The gap is the target minus the score (never below zero); the priority ranks gaps by gap × the dimension's weight. Targets are ${organizationTargets ? "the organization's own ambition, set on the assessment" : "the questionnaire's best-practice profile"}.`,
    consensus: (threshold: number, minimum: number) =>
      `Consensus uses rwg against a uniform distribution of answers: "consensus" when rwg is at least ${threshold} with ${minimum} or more respondents, otherwise "divided". SD is the sample standard deviation of the respondents' scores.`,
    perception: "Perception gaps compare the mean score of each group of respondent functions on each dimension and name the largest differences.",
    groups: (rule: string) =>
      `${rule} Functions with fewer respondents are combined into "Other functions", and a group's score is also hidden where it would let a smaller group be worked out from the total.`,
    individual:
      "Individual answers are never shown: this report gives statistics per dimension and per group of functions only; comments are quoted without names or functions, in alphabetical order.",
    about: "About the questionnaire",
    sources: "Sources",
    drawsOn: "The dimensions draw on:",
  },
};
