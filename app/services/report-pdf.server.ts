import { CHART_COLORS } from "#app/components/chart-colors.ts";
import { iqrText, percentileText } from "#app/domain/benchmark-view.ts";
import { formatDayMonthYear, oneDecimal } from "#app/domain/format.ts";
import type { Report } from "#app/domain/report.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { privacyMessages } from "#app/messages/privacy.ts";
import { reportMessages as m } from "#app/messages/report.ts";
import {
  BRAND,
  bullets,
  CONTENT_WIDTH,
  createDocument,
  distributionBar,
  heading,
  INK,
  kpi,
  levelKey,
  MARGIN,
  MUTED,
  PAGE,
  pageFrames,
  paragraph,
  radar,
  subheading,
  table,
  type Column,
  type Doc,
} from "./pdf-drawing.server.ts";

// The report marks a missing value with an en dash.
const NONE = "–";

/**
 * Renders the board report: title page, executive summary, profile (radar and dimension
 * table), perception gaps, the roadmap (when one was generated from this assessment or a
 * later one), one page per dimension, and a methods note. Every section starts on a new
 * page, so the page count is 5 plus the number of dimensions, plus 1 with a roadmap, unless a
 * dimension's questions and comments run over.
 */
export function renderReportPdf(report: Report): Promise<Buffer> {
  const { doc, done } = createDocument({ title: m.documentTitle(report.title), author: report.organization, subject: report.questionnaire });
  titlePage(doc, report);
  summaryPage(doc, report);
  profilePage(doc, report);
  perceptionPage(doc, report);
  if (report.roadmap) roadmapPage(doc, report.roadmap);
  report.sections.forEach((section, i) => dimensionPage(doc, report, section, i));
  methodsPage(doc, report);
  pageFrames(doc, m.runningHeader(report.organization, report.title, report.provisional));
  doc.end();
  return done;
}

function titlePage(doc: Doc, report: Report) {
  doc.rect(0, 0, PAGE.width, 300).fill(BRAND);
  doc.font("regular").fontSize(12).fillColor("#ffffff").text(m.kind, MARGIN, 110, { width: CONTENT_WIDTH });
  doc.font("bold").fontSize(28).text(report.title, MARGIN, 135, { width: CONTENT_WIDTH });
  doc.font("regular").fontSize(16).text(report.organization, MARGIN, doc.y + 8, { width: CONTENT_WIDTH });
  if (report.preparedBy) doc.fontSize(12).text(m.preparedBy(report.preparedBy), MARGIN, doc.y + 6, { width: CONTENT_WIDTH });
  const facts: [string, string][] = [
    [m.title.questionnaire, report.questionnaire],
    [report.provisional ? m.title.provisionalAsOf : m.title.fixedOn, formatDayMonthYear(report.asOf)],
    [m.title.respondents, String(report.view.respondentCount)],
    [m.title.index, report.view.index === null ? m.title.notEnoughAnswers : `${oneDecimal(report.view.index, NONE)} · ${report.view.stage}`],
  ];
  let y = 350;
  for (const [label, value] of facts) {
    doc.font("regular").fontSize(10).fillColor(MUTED).text(label, MARGIN, y, { width: 150 });
    doc.font("bold").fontSize(12).fillColor(INK).text(value, MARGIN + 150, y - 1, { width: CONTENT_WIDTH - 150 });
    y = doc.y + 14;
  }
  if (report.provisional) {
    doc.rect(MARGIN, y + 10, CONTENT_WIDTH, 44).fill("#fdecea");
    doc
      .font("bold")
      .fontSize(10)
      .fillColor("#7a1b15")
      .text(m.title.provisional, MARGIN + 12, y + 20, {
        width: CONTENT_WIDTH - 24,
      });
  }
  doc.font("regular").fontSize(9).fillColor(MUTED).text(m.preparedWith, MARGIN, PAGE.height - 110, { width: CONTENT_WIDTH });
}

function summaryPage(doc: Doc, report: Report) {
  const { view } = report;
  doc.addPage();
  heading(doc, m.summary.heading);
  const width = (CONTENT_WIDTH - 24) / 3;
  const top = doc.y + 4;
  kpi(doc, MARGIN, top, width, m.summary.indexLabel, oneDecimal(view.index, NONE), view.stage ?? m.summary.noStage);
  kpi(doc, MARGIN + width + 12, top, width, m.summary.weakestLabel, view.weakest ? oneDecimal(view.weakest.score, NONE) : NONE, view.weakest?.name ?? NONE);
  kpi(doc, MARGIN + 2 * (width + 12), top, width, m.summary.responsesLabel, String(view.respondentCount), m.summary.functionCount(view.functions.length));
  doc.y = top + 104;

  const gaps = view.dimensions.filter((d) => d.rank !== null && d.gap !== null && d.gap > 0).sort((a, b) => a.rank! - b.rank!);
  const target = view.targetSource === "organization" ? m.summary.organizationTargets : m.summary.bestPracticeTargets;
  paragraph(
    doc,
    view.index === null
      ? m.summary.tooFewAnswers
      : m.summary.index(oneDecimal(view.index, NONE), view.stage, view.respondentCount, view.functions.length) +
          (gaps.length > 0
            ? m.summary.largestGaps(
                target,
                gaps.slice(0, 3).map((g) => g.name),
              )
            : m.summary.noGaps(target)),
    { size: 11 },
  );
  const previous = report.sincePrevious;
  if (previous && previous.before !== null && previous.now !== null) {
    doc.moveDown(0.4);
    const delta = previous.now - previous.before;
    paragraph(
      doc,
      m.summary.sincePrevious(previous.title, formatDayMonthYear(previous.date), delta, oneDecimal(previous.now, NONE), oneDecimal(previous.before, NONE)) +
        (previous.questionsCounted === null ? "" : m.summary.acrossVersions(previous.questionsCounted)),
      { size: 11 },
    );
  }

  subheading(doc, m.summary.topGaps);
  if (gaps.length === 0) paragraph(doc, m.summary.noGapRows);
  else
    table(
      doc,
      [
        { label: m.columns.priority, width: 50 },
        { label: m.columns.dimension, width: 199 },
        { label: m.columns.score, width: 52, align: "right" },
        { label: m.columns.target, width: 52, align: "right" },
        { label: m.columns.gap, width: 52, align: "right" },
        { label: m.columns.consensus, width: 78 },
      ],
      gaps.slice(0, 5).map((g) => [String(g.rank), g.name, oneDecimal(g.score, NONE), String(g.target), oneDecimal(g.gap, NONE), g.consensus ?? NONE]),
    );

  if (view.perception.length > 0) {
    subheading(doc, m.summary.disagreeMost);
    bullets(doc, perceptionSentences(report));
  }
  subheading(doc, m.summary.contentsHeading);
  bullets(doc, [
    m.summary.contentsProfile,
    m.summary.contentsPerception,
    ...(report.roadmap ? [m.summary.contentsRoadmap] : []),
    m.summary.contentsDimensions,
    m.summary.contentsMethods,
  ]);
}

function perceptionSentences(report: Report) {
  return report.view.perception.map((p) => m.perceptionSentence(p.dimension, p.low, p.high, p.spread));
}

function profilePage(doc: Doc, report: Report) {
  const { view, benchmark } = report;
  const shown = benchmark && !benchmark.suppressed ? benchmark : null;
  doc.addPage();
  heading(doc, m.profile.heading);
  if (benchmark) {
    paragraph(
      doc,
      shown
        ? m.profile.benchmark(shown.n, benchmark.poolLabel, benchmark.segment)
        : m.profile.benchmarkSuppressed(benchmark.segment, benchmark.poolLabel, benchmark.suppressed),
      { size: 8.5, color: MUTED },
    );
  }
  const labels = view.dimensions.map((d) => d.name);
  radar(
    doc,
    labels,
    [
      { label: m.profile.current, values: view.dimensions.map((d) => d.score), color: CHART_COLORS.current, fill: true },
      {
        label: view.targetSource === "organization" ? m.profile.ownTarget : m.profile.bestPracticeTarget,
        values: view.dimensions.map((d) => d.target),
        color: CHART_COLORS.target,
        dashed: true,
      },
      { label: m.profile.bestPractice, values: view.dimensions.map((d) => d.bestPractice), color: CHART_COLORS.bestPractice, dashed: true },
      ...(shown ? [{ label: shown.seriesLabel, values: shown.dimensions.map((c) => c?.median ?? null), color: CHART_COLORS.benchmark, dotted: true }] : []),
    ],
    doc.y,
    shown ? 104 : benchmark ? 118 : 130,
  );
  const columns: Column[] = shown
    ? [
        { label: m.columns.dimension, width: 112 },
        { label: m.columns.score, width: 34, align: "right" },
        { label: m.columns.target, width: 36, align: "right" },
        { label: m.columns.gap, width: 30, align: "right" },
        { label: m.columns.priority, width: 42, align: "right" },
        { label: m.columns.n, width: 22, align: "right" },
        { label: m.columns.sd, width: 30, align: "right" },
        { label: m.columns.consensus, width: 58 },
        { label: m.columns.coverage, width: 50, align: "right" },
        { label: m.columns.benchmark(shown.sampleData), width: CONTENT_WIDTH - 414 },
      ]
    : [
        { label: m.columns.dimension, width: 132 },
        { label: m.columns.score, width: 40, align: "right" },
        { label: m.columns.target, width: 40, align: "right" },
        { label: m.columns.gap, width: 36, align: "right" },
        { label: m.columns.priority, width: 44, align: "right" },
        { label: m.columns.n, width: 26, align: "right" },
        { label: m.columns.sd, width: 34, align: "right" },
        { label: m.columns.consensus, width: 77 },
        { label: m.columns.coverage, width: 54, align: "right" },
      ];
  table(
    doc,
    columns,
    view.dimensions.map((d, i) => {
      const cells = [
        d.name,
        oneDecimal(d.score, NONE),
        String(d.target),
        oneDecimal(d.gap, NONE),
        d.rank === null ? NONE : String(d.rank),
        String(d.n),
        d.sd === null ? NONE : d.sd.toFixed(2),
        d.score === null ? (d.n > 0 ? privacyMessages.dimensionTooFew(view.privacy.minimumGroupSize) : m.profile.insufficientData) : (d.consensus ?? NONE),
        d.coverage === null ? NONE : `${Math.round(d.coverage * 100)} %`,
      ];
      const c = shown?.dimensions[i];
      return shown ? [...cells, c ? `${oneDecimal(c.median, NONE)} (${iqrText(c)}) ${percentileText(c.percentileRank)}` : NONE] : cells;
    }),
    shown ? 7.5 : 8.5,
  );
}

function perceptionPage(doc: Doc, report: Report) {
  const { view } = report;
  doc.addPage();
  heading(doc, m.perception.heading);
  for (const note of view.privacy.notes) paragraph(doc, note, { size: 9.5 });
  if (view.functions.length < 2) {
    if (view.privacy.notes.length === 0) paragraph(doc, m.perception.oneFunction);
    return;
  }
  paragraph(doc, m.perception.intro, { color: MUTED, size: 9.5 });
  doc.moveDown(0.4);
  if (view.perception.length > 0) bullets(doc, perceptionSentences(report), 9.5);
  radar(
    doc,
    view.dimensions.map((d) => d.name),
    view.functions.map((f, i) => ({ label: f.label, values: f.scores, color: CHART_COLORS.functions[i % CHART_COLORS.functions.length]! })),
    doc.y + 2,
    96,
  );
  const nameWidth = 150;
  const width = (CONTENT_WIDTH - nameWidth) / view.functions.length;
  table(
    doc,
    [{ label: m.columns.dimension, width: nameWidth }, ...view.functions.map((f) => ({ label: f.shortLabel, width, align: "right" as const }))],
    view.dimensions.map((d, i) => [d.name, ...view.functions.map((f) => (f.withheld[i] ? m.perception.hidden : oneDecimal(f.scores[i] ?? null, NONE)))]),
    7.5,
  );
}

/** The roadmap as it stands: progress per phase with overdue and blocked counts, and the next milestones. */
function roadmapPage(doc: Doc, roadmap: NonNullable<Report["roadmap"]>) {
  doc.addPage();
  heading(doc, m.roadmap.heading);
  paragraph(
    doc,
    m.roadmap.summary(roadmap, formatDayMonthYear(roadmap.asOf), roadmap.currentPhase ? PHASE_LABELS[roadmap.currentPhase] : m.roadmap.complete),
    { size: 11 },
  );
  subheading(doc, m.roadmap.perPhase);
  const barWidth = 120;
  table(
    doc,
    [
      { label: m.roadmap.phase, width: 120 },
      { label: m.roadmap.milestonesDone, width: 90, align: "right" },
      {
        label: m.roadmap.progress,
        width: barWidth + 8,
        draw: (r, x, y, w) => {
          const p = roadmap.phases[r]!;
          doc.rect(x, y + 2, w, 8).fill("#e4e7eb");
          if (p.total > 0 && p.done > 0) doc.rect(x, y + 2, (w * p.done) / p.total, 8).fill(BRAND);
        },
      },
      { label: m.roadmap.overdueMilestones, width: 72, align: "right" },
      { label: m.roadmap.blocked, width: CONTENT_WIDTH - 120 - 90 - barWidth - 8 - 72, align: "right" },
    ],
    roadmap.phases.map((p) => [PHASE_LABELS[p.phase], m.roadmap.doneOf(p.done, p.total), "", String(p.overdue), String(p.blocked)]),
  );
  subheading(doc, m.roadmap.next);
  if (roadmap.next.length === 0) paragraph(doc, m.roadmap.noNext);
  else
    table(
      doc,
      [
        { label: m.roadmap.due, width: 70 },
        { label: m.roadmap.milestone, width: 190 },
        { label: m.roadmap.initiative, width: 143 },
        { label: m.roadmap.owner, width: CONTENT_WIDTH - 403 },
      ],
      roadmap.next.map((milestone) => [milestone.due, milestone.title, milestone.initiative, milestone.owner ?? NONE]),
    );
  doc.moveDown(0.8);
  paragraph(doc, m.roadmap.overdueNote, { size: 8.5, color: MUTED });
}

function dimensionPage(doc: Doc, report: Report, section: Report["sections"][number], i: number) {
  const { row } = section;
  doc.addPage();
  doc.font("regular").fontSize(9).fillColor(MUTED).text(m.dimension.position(i + 1, report.sections.length), MARGIN, doc.y);
  heading(doc, row.name, 17);
  paragraph(doc, section.description, { size: 9.5, color: MUTED });
  doc.moveDown(0.6);

  const facts: [string, string][] = [
    [m.columns.score, row.score === null ? NONE : oneDecimal(row.score, NONE)],
    [m.columns.target, String(row.target)],
    [m.columns.gap, oneDecimal(row.gap, NONE)],
    [m.columns.priority, row.rank === null ? NONE : m.dimension.rankOf(row.rank, report.view.dimensions.length)],
    [m.columns.n, String(row.n)],
    [m.columns.consensus, row.consensus ?? NONE],
  ];
  const widths = [68, 68, 68, 88, 58, CONTENT_WIDTH - 350];
  const top = doc.y;
  let x = MARGIN;
  facts.forEach(([label, value], f) => {
    doc.font("regular").fontSize(8).fillColor(MUTED).text(label, x, top, { width: widths[f]! - 6 });
    doc.font("bold").fontSize(13).fillColor(INK).text(value, x, top + 11, { width: widths[f]! - 6 });
    x += widths[f]!;
  });
  doc.y = top + 34;
  if (row.score === null) {
    const minimum = report.view.privacy.minimumGroupSize;
    paragraph(doc, row.n > 0 ? privacyMessages.dimensionTooFewSentence(row.n, minimum) : m.dimension.insufficientData, { font: "bold" });
  }

  subheading(doc, m.dimension.howScored);
  bullets(doc, section.explanation, 8.5);

  subheading(doc, m.dimension.questions);
  const barWidth = 90;
  table(
    doc,
    [
      { label: m.dimension.question, width: CONTENT_WIDTH - 40 - barWidth - 8 - 70 },
      { label: m.dimension.mean, width: 40, align: "right" },
      {
        label: m.dimension.levels,
        width: barWidth + 8,
        draw: (r, x, y, w) => {
          const levels = section.questions[r]!.levels;
          if (levels) distributionBar(doc, x, y + 2, w, levels);
        },
      },
      { label: m.dimension.dontKnowNotApplicable, width: 70, align: "right" },
    ],
    section.questions.map((q) =>
      q.withheld ? [m.dimension.withheld(q.text, q.answered, report.view.privacy.minimumGroupSize), NONE, "", NONE] : [q.text, oneDecimal(q.mean, NONE), "", `${q.dontKnow} / ${q.notApplicable}`],
    ),
    8,
  );
  levelKey(doc, report.levels);

  if (section.comments.length > 0) {
    subheading(doc, m.dimension.comments);
    for (const comment of section.comments) {
      doc.font("italic").fontSize(8.5).fillColor(INK).text(`“${comment}”`, MARGIN + 10, doc.y, { width: CONTENT_WIDTH - 10, lineGap: 1.5 });
      doc.moveDown(0.35);
    }
  }
}

function methodsPage(doc: Doc, report: Report) {
  const { methods, view } = report;
  doc.addPage();
  heading(doc, m.methods.heading);
  bullets(doc, [
    m.methods.questionnaire(report.questionnaire, view.respondentCount, view.engineVersion),
    m.methods.levels(report.levels),
    m.methods.respondentScore,
    m.methods.coverage(Math.round(methods.minimumCoverage * 100)),
    m.methods.index,
    m.methods.gap(view.targetSource === "organization"),
    m.methods.consensus(methods.consensusThreshold, methods.consensusMinimum),
    m.methods.perception,
    m.methods.groups(privacyMessages.rule(view.privacy.minimumGroupSize)),
    m.methods.individual,
  ]);
  subheading(doc, m.methods.about);
  paragraph(doc, methods.description, { size: 9.5 });
  subheading(doc, m.methods.sources);
  paragraph(doc, m.methods.drawsOn, { size: 9.5 });
  bullets(doc, methods.sources);
}
