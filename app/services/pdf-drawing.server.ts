import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { CHART_COLORS } from "#app/components/chart-colors.ts";

/** Drawing on an A4 page with pdfkit: the text, tables and charts a report is made of. */
export type Doc = PDFKit.PDFDocument;

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

export const INK = "#1f2933";
export const MUTED = "#52606d";
export const RULE = "#cbd2d9";
export const BRAND = CHART_COLORS.current;
export const MARGIN = 56;
export const PAGE = { width: 595.28, height: 841.89 };
export const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
}

/** A new A4 document in the DejaVu fonts ("regular", "bold", "italic"), and the bytes it will have once ended. */
export function createDocument(info: DocumentInfo): { doc: Doc; done: Promise<Buffer> } {
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
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
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
  return { doc, done };
}

export function heading(doc: Doc, text: string, size = 20) {
  doc.font("bold").fontSize(size).fillColor(BRAND).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.4);
}

export function subheading(doc: Doc, text: string) {
  doc.moveDown(0.6);
  doc.font("bold").fontSize(12).fillColor(INK).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

export function paragraph(doc: Doc, text: string, options: { size?: number; color?: string; font?: string } = {}) {
  doc
    .font(options.font ?? "regular")
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? INK)
    .text(text, MARGIN, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
}

export function bullets(doc: Doc, items: string[], size = 9.5) {
  for (const item of items) {
    const y = doc.y;
    doc.font("regular").fontSize(size).fillColor(INK).text("•", MARGIN, y);
    doc.text(item, MARGIN + 12, y, { width: CONTENT_WIDTH - 12, lineGap: 1.5 });
    doc.moveDown(0.25);
  }
}

export function kpi(doc: Doc, x: number, y: number, width: number, label: string, value: string, note: string) {
  doc.roundedRect(x, y, width, 86, 6).lineWidth(1).strokeColor(RULE).stroke();
  doc.font("regular").fontSize(9).fillColor(MUTED).text(label, x + 12, y + 10, { width: width - 24 });
  doc.font("bold").fontSize(24).fillColor(BRAND).text(value, x + 12, y + 26, { width: width - 24 });
  doc.font("regular").fontSize(9).fillColor(INK).text(note, x + 12, y + 58, { width: width - 24, height: 24, ellipsis: true });
}

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  dotted?: boolean;
  fill?: boolean;
}

/** A radar on a 0–5 scale: rings at each level, one spoke per dimension, and a legend below. */
export function radar(doc: Doc, labels: string[], series: Series[], top: number, radius: number) {
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

export interface Column {
  label: string;
  width: number;
  align?: "left" | "right" | "center";
  /** Draws the cell instead of writing its text (for the small bars). */
  draw?: (row: number, x: number, y: number, width: number) => void;
}

/** A table whose rows grow to fit wrapped text; the header repeats when a row moves to a new page. */
export function table(doc: Doc, columns: Column[], rows: string[][], size = 8.5) {
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

const LEVEL_SHADES = ["#dbe7f5", "#a9c4e6", "#6f9bd1", "#3a6fb0", "#143a66"];

/** A stacked bar of how many chose each level, light (1) to dark (5). */
export function distributionBar(doc: Doc, x: number, y: number, width: number, levels: readonly number[]) {
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
export function levelKey(doc: Doc, levels: string[]) {
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

/** A running header and page numbers on every page after the title page. */
export function pageFrames(doc: Doc, header: string) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would open a new page: lift the margin while drawing.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8).fillColor(MUTED);
    doc.text(header, MARGIN, 28, { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true });
    doc.text(`${i + 1} / ${count}`, MARGIN, PAGE.height - 40, { width: CONTENT_WIDTH, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
