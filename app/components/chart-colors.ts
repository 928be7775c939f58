/** Series colors shared by the charts on the pages and in the PDF report. */
export const CHART_COLORS = {
  current: "#1d4e89",
  target: "#c2410c",
  bestPractice: "#6b7280",
  /** The benchmark segment's median, drawn dotted. */
  benchmark: "#0f766e",
  functions: ["#1d4e89", "#c2410c", "#15803d", "#7e22ce", "#b45309", "#0e7490", "#be123c", "#4b5563"],
} as const;
