import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { CHART_COLORS } from "#app/components/chart-colors.ts";
import { iqrText, percentileText } from "#app/domain/benchmark-view.ts";
import type { Report } from "#app/domain/report.ts";
import { PHASE_LABELS } from "#app/domain/roadmap/labels.ts";
import { privacyMessages } from "#app/messages/privacy.ts";
import { formatDayMonthYear, oneDecimal } from "#app/domain/format.ts";

type Doc = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);
// DejaVu covers Latin, Greek, Cyrillic and the arrows and signs the texts use; the PDF
// standard fonts only cover Western European characters. Each font is parsed once per
// process: parsing and laying out with a fresh copy per document took most of the time.
const loadFont = (file: string) => fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))) as fontkit.Font;
let fonts: { regular: fontkit.Font; bold: fontkit.Font; italic: fontkit.Font } | undefined;
function reportFonts() {
  fonts ??= { regular: loadFont("DejaVuSans.ttf"), bold: loadFont("DejaVuSans-Bold.ttf"), italic: loadFont("DejaVuSans-Oblique.ttf") };
  return fonts;
}

const INK = "#1f2933";
const MUTED = "#52606d";
const RULE = "#cbd2d9";
const BRAND = CHART_COLORS.current;
const MARGIN = 56;
const PAGE = { width: 595.28, height: 841.89 };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;

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
  const { regular, bold, italic } = reportFonts();
  // pdfkit takes a parsed fontkit font where its types only name paths and buffers.
  const asSource = (font: fontkit.Font) => font as unknown as string;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    font: asSource(regular),
    lang: "en",
    displayTitle: true,
    info: {
      Title: `${report.title}: KAM maturity report`,
      Author: report.organization,
      Subject: report.questionnaire,
      Creator: "KAM Navigator",
    },
  });
  doc.registerFont("regular", asSource(regular));
  doc.registerFont("bold", asSource(bold));
  doc.registerFont("italic", asSource(italic));
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  titlePage(doc, report);
  summaryPage(doc, report);
  profilePage(doc, report);
  perceptionPage(doc, report);
  if (report.roadmap) roadmapPage(doc, report.roadmap);
  report.sections.forEach((section, i) => dimensionPage(doc, report, section, i));
  methodsPage(doc, report);
  pageFrames(doc, report);
  doc.end();
  return done;
}

function heading(doc: Doc, text: string, size = 20) {
  doc.font("bold").fontSize(size).fillColor(BRAND).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.4);
}

function subheading(doc: Doc, text: string) {
  doc.moveDown(0.6);
  doc.font("bold").fontSize(12).fillColor(INK).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, options: { size?: number; color?: string; font?: string } = {}) {
  doc
    .font(options.font ?? "regular")
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? INK)
    .text(text, MARGIN, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
}

function bullets(doc: Doc, items: string[], size = 9.5) {
  for (const item of items) {
    const y = doc.y;
    doc.font("regular").fontSize(size).fillColor(INK).text("•", MARGIN, y);
    doc.text(item, MARGIN + 12, y, { width: CONTENT_WIDTH - 12, lineGap: 1.5 });
    doc.moveDown(0.25);
  }
}

function titlePage(doc: Doc, report: Report) {
  doc.rect(0, 0, PAGE.width, 300).fill(BRAND);
  doc.font("regular").fontSize(12).fillColor("#ffffff").text("KAM maturity report", MARGIN, 110, { width: CONTENT_WIDTH });
  doc.font("bold").fontSize(28).text(report.title, MARGIN, 135, { width: CONTENT_WIDTH });
  doc.font("regular").fontSize(16).text(report.organization, MARGIN, doc.y + 8, { width: CONTENT_WIDTH });
  if (report.preparedBy) doc.fontSize(12).text(`Prepared by ${report.preparedBy}`, MARGIN, doc.y + 6, { width: CONTENT_WIDTH });
  const facts: [string, string][] = [
    ["Questionnaire", report.questionnaire],
    [report.provisional ? "Provisional, as of" : "Results fixed on", formatDayMonthYear(report.asOf)],
    ["Respondents", String(report.view.respondentCount)],
    ["Maturity index", report.view.index === null ? "not enough answers" : `${oneDecimal(report.view.index, NONE)} · ${report.view.stage}`],
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
      .text("Provisional: the assessment was still open when this report was made, so its numbers can change.", MARGIN + 12, y + 20, {
        width: CONTENT_WIDTH - 24,
      });
  }
  doc.font("regular").fontSize(9).fillColor(MUTED).text("Prepared with KAM Navigator", MARGIN, PAGE.height - 110, { width: CONTENT_WIDTH });
}

function kpi(doc: Doc, x: number, y: number, width: number, label: string, value: string, note: string) {
  doc.roundedRect(x, y, width, 86, 6).lineWidth(1).strokeColor(RULE).stroke();
  doc.font("regular").fontSize(9).fillColor(MUTED).text(label, x + 12, y + 10, { width: width - 24 });
  doc.font("bold").fontSize(24).fillColor(BRAND).text(value, x + 12, y + 26, { width: width - 24 });
  doc.font("regular").fontSize(9).fillColor(INK).text(note, x + 12, y + 58, { width: width - 24, height: 24, ellipsis: true });
}

function summaryPage(doc: Doc, report: Report) {
  const { view } = report;
  doc.addPage();
  heading(doc, "Executive summary");
  const width = (CONTENT_WIDTH - 24) / 3;
  const top = doc.y + 4;
  kpi(doc, MARGIN, top, width, "KAM maturity index", oneDecimal(view.index, NONE), view.stage ?? "Not enough answers yet");
  kpi(doc, MARGIN + width + 12, top, width, "Weakest dimension", view.weakest ? oneDecimal(view.weakest.score, NONE) : "–", view.weakest?.name ?? "–");
  kpi(doc, MARGIN + 2 * (width + 12), top, width, "Responses", String(view.respondentCount), `${view.functions.length} functions`);
  doc.y = top + 104;

  const gaps = view.dimensions.filter((d) => d.rank !== null && d.gap !== null && d.gap > 0).sort((a, b) => a.rank! - b.rank!);
  const target = view.targetSource === "organization" ? "the organization's own targets" : "the best-practice profile";
  paragraph(
    doc,
    view.index === null
      ? "Too few answers have been given to compute the maturity index yet."
      : `The organization's KAM maturity index is ${oneDecimal(view.index, NONE)} on a scale of 1 to 5 (${view.stage}), from ${view.respondentCount} respondents in ${view.functions.length} functions. ` +
          (gaps.length > 0
            ? `Measured against ${target}, the largest gaps weighted by importance are in ${gaps
                .slice(0, 3)
                .map((g) => g.name)
                .join(", ")}.`
            : `Every scored dimension meets ${target}.`),
    { size: 11 },
  );
  const previous = report.sincePrevious;
  if (previous && previous.before !== null && previous.now !== null) {
    doc.moveDown(0.4);
    const delta = previous.now - previous.before;
    paragraph(
      doc,
      `Since ${previous.title} (${formatDayMonthYear(new Date(previous.date))}) the index has ${Math.abs(delta) < 0.05 ? "held at" : delta > 0 ? "risen to" : "fallen to"} ${oneDecimal(previous.now, NONE)}, from ${oneDecimal(previous.before, NONE)}.` +
        (previous.questionsCounted === null ? "" : ` Across questionnaire versions, both are counted on the ${previous.questionsCounted} questions that stayed the same.`),
      { size: 11 },
    );
  }

  subheading(doc, "Top gaps");
  if (gaps.length === 0) paragraph(doc, "No dimension falls short of its target.");
  else
    table(
      doc,
      [
        { label: "Priority", width: 50 },
        { label: "Dimension", width: 199 },
        { label: "Score", width: 52, align: "right" },
        { label: "Target", width: 52, align: "right" },
        { label: "Gap", width: 52, align: "right" },
        { label: "Consensus", width: 78 },
      ],
      gaps.slice(0, 5).map((g) => [String(g.rank), g.name, oneDecimal(g.score, NONE), String(g.target), oneDecimal(g.gap, NONE), g.consensus ?? "–"]),
    );

  if (view.perception.length > 0) {
    subheading(doc, "Where functions disagree most");
    bullets(doc, perceptionSentences(report));
  }
  subheading(doc, "What the following pages hold");
  bullets(doc, [
    "The profile against target and best practice, with every dimension's statistics.",
    "How the functions see the organization differently.",
    ...(report.roadmap ? ["Where the transformation roadmap stands: progress per phase, what is overdue or blocked, the next milestones."] : []),
    "One page per dimension: how its score came about, each question's answers, and comments.",
    "How the numbers are computed, and the sources the questionnaire draws on.",
  ]);
}

function perceptionSentences(report: Report) {
  return report.view.perception.map((p) => `${p.dimension}: ${p.low} against ${p.high}, a difference of ${p.spread.toFixed(1)} levels.`);
}

interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  dotted?: boolean;
  fill?: boolean;
}

/** A radar on a 0–5 scale: rings at each level, one spoke per dimension, and a legend below. */
function radar(doc: Doc, labels: string[], series: Series[], top: number, radius: number) {
  const cx = PAGE.width / 2;
  const cy = top + radius + 34;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / labels.length;
  const point = (i: number, value: number) => [cx + Math.cos(angle(i)) * (radius * value) / 5, cy + Math.sin(angle(i)) * (radius * value) / 5] as const;

  doc.save().lineWidth(0.5).strokeColor(RULE);
  for (let level = 1; level <= 5; level++) {
    labels.forEach((_, i) => {
      const [x, y] = point(i, level);
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    doc.closePath().stroke();
    doc.font("regular").fontSize(7).fillColor(MUTED).text(String(level), cx + 3, cy - (radius * level) / 5 - 4, { lineBreak: false });
  }
  labels.forEach((label, i) => {
    const [x, y] = point(i, 5);
    doc.moveTo(cx, cy).lineTo(x, y).stroke();
    const [lx, ly] = point(i, 5.35);
    const width = 96;
    const cos = Math.cos(angle(i));
    const align = Math.abs(cos) < 0.2 ? "center" : cos > 0 ? "left" : "right";
    const x0 = align === "center" ? lx - width / 2 : align === "left" ? lx : lx - width;
    doc.font("regular").fontSize(7.5).fillColor(INK);
    // Labels above the centre grow upwards, those below grow downwards, side ones are centred.
    const height = doc.heightOfString(label, { width });
    const sin = Math.sin(angle(i));
    const y0 = sin < -0.9 ? ly - height : sin > 0.9 ? ly : ly - height / 2;
    doc.text(label, x0, y0, { width, align });
  });
  doc.restore();

  for (const s of series) {
    const points = s.values.flatMap((v, i) => (v === null ? [] : [point(i, v)]));
    if (points.length === 0) continue;
    doc.save();
    points.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
    doc.closePath();
    if (s.fill) doc.fillOpacity(0.15).fillAndStroke(s.color, s.color);
    doc.lineWidth(s.dashed ? 1.2 : s.dotted ? 1.6 : 2).strokeOpacity(1);
    if (s.dashed) doc.dash(4, { space: 3 });
    if (s.dotted) doc.dash(1.5, { space: 2 });
    points.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
    doc.closePath().stroke(s.color);
    doc.undash().fillOpacity(1);
    for (const [x, y] of points) doc.circle(x, y, 2).fill(s.color);
    doc.restore();
  }

  // Legend, centred under the chart.
  let y = cy + radius + 40;
  let x = MARGIN;
  doc.font("regular").fontSize(8.5);
  for (const s of series) {
    const width = 22 + doc.widthOfString(s.label) + 16;
    if (x + width > MARGIN + CONTENT_WIDTH) {
      x = MARGIN;
      y += 14;
    }
    doc.save().lineWidth(2);
    if (s.dashed) doc.dash(3, { space: 2 });
    if (s.dotted) doc.dash(1.5, { space: 1.5 });
    doc.moveTo(x, y + 5).lineTo(x + 16, y + 5).stroke(s.color);
    doc.restore();
    doc.fillColor(INK).text(s.label, x + 20, y, { lineBreak: false });
    x += width;
  }
  doc.y = y + 22;
  doc.x = MARGIN;
}

interface Column {
  label: string;
  width: number;
  align?: "left" | "right" | "center";
  /** Draws the cell instead of writing its text (for the small bars). */
  draw?: (row: number, x: number, y: number, width: number) => void;
}

/** A table whose rows grow to fit wrapped text; the header repeats when a row moves to a new page. */
function table(doc: Doc, columns: Column[], rows: string[][], size = 8.5) {
  const pad = 4;
  const drawHeader = () => {
    const y = doc.y;
    doc.font("bold").fontSize(size).fillColor(INK);
    const height = Math.max(...columns.map((c) => doc.heightOfString(c.label, { width: c.width - 2 * pad }))) + 2 * pad;
    let x = MARGIN;
    for (const c of columns) {
      doc.text(c.label, x + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? "left" });
      x += c.width;
    }
    doc.moveTo(MARGIN, y + height).lineTo(MARGIN + CONTENT_WIDTH, y + height).lineWidth(1).strokeColor(INK).stroke();
    doc.y = y + height;
  };
  drawHeader();
  doc.font("regular").fontSize(size);
  rows.forEach((row, r) => {
    const height = Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
    if (doc.y + height > PAGE.height - doc.page.margins.bottom) {
      doc.addPage();
      drawHeader();
      doc.font("regular").fontSize(size);
    }
    const y = doc.y;
    if (r % 2 === 1) doc.rect(MARGIN, y, CONTENT_WIDTH, height).fill("#f3f5f7");
    let x = MARGIN;
    row.forEach((cell, i) => {
      const c = columns[i]!;
      if (c.draw) c.draw(r, x + pad, y + pad, c.width - 2 * pad);
      else doc.fillColor(INK).text(cell, x + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? "left" });
      x += c.width;
    });
    doc.y = y + height;
  });
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + CONTENT_WIDTH, doc.y).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.x = MARGIN;
}

function profilePage(doc: Doc, report: Report) {
  const { view, benchmark } = report;
  const shown = benchmark && !benchmark.suppressed ? benchmark : null;
  doc.addPage();
  heading(doc, "Profile against target and best practice");
  if (benchmark) {
    paragraph(
      doc,
      shown
        ? `Benchmark: ${shown.n} organizations in the ${benchmark.poolLabel}, ${benchmark.segment}. The dotted line is their median; the table gives the median, the interquartile range and this assessment's percentile rank among them.`
        : `Benchmark for ${benchmark.segment} in the ${benchmark.poolLabel}: ${benchmark.suppressed}.`,
      { size: 8.5, color: MUTED },
    );
  }
  const labels = view.dimensions.map((d) => d.name);
  radar(
    doc,
    labels,
    [
      { label: "Current profile", values: view.dimensions.map((d) => d.score), color: CHART_COLORS.current, fill: true },
      {
        label: view.targetSource === "organization" ? "Your target" : "Target (best practice)",
        values: view.dimensions.map((d) => d.target),
        color: CHART_COLORS.target,
        dashed: true,
      },
      { label: "Best practice", values: view.dimensions.map((d) => d.bestPractice), color: CHART_COLORS.bestPractice, dashed: true },
      ...(shown ? [{ label: shown.seriesLabel, values: shown.dimensions.map((c) => c?.median ?? null), color: CHART_COLORS.benchmark, dotted: true }] : []),
    ],
    doc.y,
    shown ? 104 : benchmark ? 118 : 130,
  );
  const columns: Column[] = shown
    ? [
        { label: "Dimension", width: 112 },
        { label: "Score", width: 34, align: "right" },
        { label: "Target", width: 36, align: "right" },
        { label: "Gap", width: 30, align: "right" },
        { label: "Priority", width: 42, align: "right" },
        { label: "n", width: 22, align: "right" },
        { label: "SD", width: 30, align: "right" },
        { label: "Consensus", width: 58 },
        { label: "Coverage", width: 50, align: "right" },
        { label: shown.sampleData ? "Benchmark (sample data)" : "Benchmark", width: CONTENT_WIDTH - 414 },
      ]
    : [
        { label: "Dimension", width: 132 },
        { label: "Score", width: 40, align: "right" },
        { label: "Target", width: 40, align: "right" },
        { label: "Gap", width: 36, align: "right" },
        { label: "Priority", width: 44, align: "right" },
        { label: "n", width: 26, align: "right" },
        { label: "SD", width: 34, align: "right" },
        { label: "Consensus", width: 77 },
        { label: "Coverage", width: 54, align: "right" },
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
        d.rank === null ? "–" : String(d.rank),
        String(d.n),
        d.sd === null ? "–" : d.sd.toFixed(2),
        d.score === null ? (d.n > 0 ? privacyMessages.dimensionTooFew(view.privacy.minimumGroupSize) : "insufficient data") : (d.consensus ?? "–"),
        d.coverage === null ? "–" : `${Math.round(d.coverage * 100)} %`,
      ];
      const c = shown?.dimensions[i];
      return shown ? [...cells, c ? `${oneDecimal(c.median, NONE)} (${iqrText(c)}) ${percentileText(c.percentileRank)}` : "–"] : cells;
    }),
    shown ? 7.5 : 8.5,
  );
}

function perceptionPage(doc: Doc, report: Report) {
  const { view } = report;
  doc.addPage();
  heading(doc, "Perception gaps between functions");
  for (const note of view.privacy.notes) paragraph(doc, note, { size: 9.5 });
  if (view.functions.length < 2) {
    if (view.privacy.notes.length === 0) paragraph(doc, "All respondents with answers work in one function, so there is nothing to compare between functions yet.");
    return;
  }
  paragraph(doc, "How each function rates the organization. Large differences show where people see the same practice differently: worth a conversation before deciding what to change.", { color: MUTED, size: 9.5 });
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
    [{ label: "Dimension", width: nameWidth }, ...view.functions.map((f) => ({ label: f.shortLabel, width, align: "right" as const }))],
    view.dimensions.map((d, i) => [d.name, ...view.functions.map((f) => (f.withheld[i] ? "hidden" : oneDecimal(f.scores[i] ?? null, NONE)))]),
    7.5,
  );
}

/** The roadmap as it stands: progress per phase with overdue and blocked counts, and the next milestones. */
function roadmapPage(doc: Doc, roadmap: NonNullable<Report["roadmap"]>) {
  doc.addPage();
  heading(doc, "Transformation roadmap");
  paragraph(
    doc,
    `${roadmap.title}, generated from ${roadmap.fromAssessment}: ${roadmap.startDate} to ${roadmap.endDate}. As of ${formatDayMonthYear(new Date(roadmap.asOf))}, ` +
      `${roadmap.done} of ${roadmap.total} milestones are done; the current phase is ${roadmap.currentPhase ? PHASE_LABELS[roadmap.currentPhase] : "complete (every gate passed)"}. ` +
      `Of its initiatives and milestones, ${roadmap.overdue} ${roadmap.overdue === 1 ? "is" : "are"} overdue and ${roadmap.blocked} blocked.`,
    { size: 11 },
  );
  subheading(doc, "Progress per phase");
  const barWidth = 120;
  table(
    doc,
    [
      { label: "Phase", width: 120 },
      { label: "Milestones done", width: 90, align: "right" },
      {
        label: "Progress",
        width: barWidth + 8,
        draw: (r, x, y, w) => {
          const p = roadmap.phases[r]!;
          doc.rect(x, y + 2, w, 8).fill("#e4e7eb");
          if (p.total > 0 && p.done > 0) doc.rect(x, y + 2, (w * p.done) / p.total, 8).fill(BRAND);
        },
      },
      { label: "Overdue milestones", width: 72, align: "right" },
      { label: "Blocked", width: CONTENT_WIDTH - 120 - 90 - barWidth - 8 - 72, align: "right" },
    ],
    roadmap.phases.map((p) => [PHASE_LABELS[p.phase], `${p.done} of ${p.total}`, "", String(p.overdue), String(p.blocked)]),
  );
  subheading(doc, "Next milestones");
  if (roadmap.next.length === 0) paragraph(doc, "No milestone is open with a due date from today on.");
  else
    table(
      doc,
      [
        { label: "Due", width: 70 },
        { label: "Milestone", width: 190 },
        { label: "Initiative", width: 143 },
        { label: "Owner", width: CONTENT_WIDTH - 403 },
      ],
      roadmap.next.map((m) => [m.due, m.title, m.initiative, m.owner ?? "–"]),
    );
  doc.moveDown(0.8);
  paragraph(doc, "Overdue: past its due date and not done. Milestones of initiatives marked no longer needed (their gap closed) are not counted.", { size: 8.5, color: MUTED });
}

const LEVEL_SHADES = ["#dbe7f5", "#a9c4e6", "#6f9bd1", "#3a6fb0", "#143a66"];

/** A stacked bar of how many chose each level, light (1) to dark (5). */
function distributionBar(doc: Doc, x: number, y: number, width: number, levels: readonly number[]) {
  const total = levels.reduce((a, b) => a + b, 0);
  if (total === 0) {
    doc.rect(x, y, width, 8).lineWidth(0.5).strokeColor(RULE).stroke();
    return;
  }
  let left = x;
  levels.forEach((count, i) => {
    const w = (width * count) / total;
    if (w > 0) doc.rect(left, y, w, 8).fill(LEVEL_SHADES[i]!);
    left += w;
  });
}

/** The key to the bars' shades: one swatch and name per level. */
function levelKey(doc: Doc, levels: string[]) {
  const y = doc.y + 6;
  let x = MARGIN;
  doc.font("regular").fontSize(7.5);
  levels.forEach((name, i) => {
    doc.rect(x, y + 1, 8, 8).fill(LEVEL_SHADES[i]!);
    const text = `${i + 1} ${name}`;
    doc.fillColor(MUTED).text(text, x + 11, y, { lineBreak: false });
    x += 11 + doc.widthOfString(text) + 14;
  });
  doc.x = MARGIN;
  doc.y = y + 14;
}

function dimensionPage(doc: Doc, report: Report, section: Report["sections"][number], i: number) {
  const { row } = section;
  doc.addPage();
  doc.font("regular").fontSize(9).fillColor(MUTED).text(`Dimension ${i + 1} of ${report.sections.length}`, MARGIN, doc.y);
  heading(doc, row.name, 17);
  paragraph(doc, section.description, { size: 9.5, color: MUTED });
  doc.moveDown(0.6);

  const facts: [string, string][] = [
    ["Score", row.score === null ? "–" : oneDecimal(row.score, NONE)],
    ["Target", String(row.target)],
    ["Gap", oneDecimal(row.gap, NONE)],
    ["Priority", row.rank === null ? "–" : `${row.rank} of ${report.view.dimensions.length}`],
    ["n", String(row.n)],
    ["Consensus", row.consensus ?? "–"],
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
    paragraph(doc, row.n > 0 ? privacyMessages.dimensionTooFewSentence(row.n, minimum) : "Insufficient data: too few respondents answered enough of this dimension's questions.", { font: "bold" });
  }

  subheading(doc, "How the score came about");
  bullets(doc, section.explanation, 8.5);

  subheading(doc, "Questions");
  const barWidth = 90;
  table(
    doc,
    [
      { label: "Question", width: CONTENT_WIDTH - 40 - barWidth - 8 - 70 },
      { label: "Mean", width: 40, align: "right" },
      {
        label: "Levels 1–5",
        width: barWidth + 8,
        draw: (r, x, y, w) => {
          const levels = section.questions[r]!.levels;
          if (levels) distributionBar(doc, x, y + 2, w, levels);
        },
      },
      { label: "Don't know / n.a.", width: 70, align: "right" },
    ],
    section.questions.map((q) =>
      q.withheld ? [`${q.text} (${q.answered} answered: shown from ${report.view.privacy.minimumGroupSize} on)`, "–", "", "–"] : [q.text, oneDecimal(q.mean, NONE), "", `${q.dontKnow} / ${q.notApplicable}`],
    ),
    8,
  );
  levelKey(doc, report.levels);

  if (section.comments.length > 0) {
    subheading(doc, "Comments");
    for (const comment of section.comments) {
      doc.font("italic").fontSize(8.5).fillColor(INK).text(`“${comment}”`, MARGIN + 10, doc.y, { width: CONTENT_WIDTH - 10, lineGap: 1.5 });
      doc.moveDown(0.35);
    }
  }
}

function methodsPage(doc: Doc, report: Report) {
  const { methods, view } = report;
  doc.addPage();
  heading(doc, "How these numbers are made");
  bullets(doc, [
    `Questionnaire: ${report.questionnaire}. ${view.respondentCount} respondents answered at least one question. Scored by engine ${view.engineVersion}.`,
    `Every question describes observable practice at five levels: ${report.levels.map((l, n) => `${n + 1} ${l}`).join(", ")}. Respondents may also answer "don't know" or, where allowed, "not applicable"; neither counts in a score.`,
    "A respondent's score on a dimension is the weighted mean of the levels they chose on its questions.",
    `A respondent counts for a dimension after choosing a level on at least ${Math.round(methods.minimumCoverage * 100)} % of its questions; n is the number who count. The dimension's score is the mean over those respondents; with none, it shows "insufficient data".`,
    "The maturity index is the weighted mean of the scored dimensions, rounded to one decimal. The stage is the highest level the index reaches.",
    `The gap is the target minus the score (never below zero); the priority ranks gaps by gap × the dimension's weight. Targets are ${view.targetSource === "organization" ? "the organization's own ambition, set on the assessment" : "the questionnaire's best-practice profile"}.`,
    `Consensus uses rwg against a uniform distribution of answers: "consensus" when rwg is at least ${methods.consensusThreshold} with ${methods.consensusMinimum} or more respondents, otherwise "divided". SD is the sample standard deviation of the respondents' scores.`,
    "Perception gaps compare the mean score of each group of respondent functions on each dimension and name the largest differences.",
    `${privacyMessages.rule(view.privacy.minimumGroupSize)} Functions with fewer respondents are combined into "Other functions", and a group's score is also hidden where it would let a smaller group be worked out from the total.`,
    "Individual answers are never shown: this report gives statistics per dimension and per group of functions only; comments are quoted without names or functions, in alphabetical order.",
  ]);
  subheading(doc, "About the questionnaire");
  paragraph(doc, methods.description, { size: 9.5 });
  subheading(doc, "Sources");
  paragraph(doc, "The dimensions draw on:", { size: 9.5 });
  bullets(doc, methods.sources);
}

/** Running header and page numbers on every page after the title page. */
function pageFrames(doc: Doc, report: Report) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would open a new page: lift the margin while drawing.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8).fillColor(MUTED);
    doc.text(`${report.organization} · ${report.title}${report.provisional ? " · provisional" : ""}`, MARGIN, 28, { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true });
    doc.text(`${i + 1} / ${count}`, MARGIN, PAGE.height - 40, { width: CONTENT_WIDTH, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
