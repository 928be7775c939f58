import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { useEffect, useRef } from "react";
import type { ChartKind, ChartSeries } from "./series-chart.tsx";

Chart.register(RadarController, RadialLinearScale, LineController, CategoryScale, LinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

/** Long labels on several short lines, so they fit around the radar or under the axis. */
function wrap(label: string, width = 16): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const tooltipLabel = (item: { dataset: { label?: string }; raw: unknown }) =>
  `${item.dataset.label}: ${item.raw === null ? "insufficient data" : Number(item.raw).toFixed(1)}`;

function configuration(kind: ChartKind, labels: string[], series: ChartSeries[]): ChartConfiguration<"radar" | "line"> {
  const datasets = series.map((s) => ({
    label: s.label,
    data: s.data,
    borderColor: s.color,
    backgroundColor: `${s.color}22`,
    pointBackgroundColor: s.color,
    borderDash: s.dotted ? [2, 3] : s.dashed ? [6, 4] : [],
    borderWidth: s.bold ? 4 : 2,
    fill: kind === "radar" && !s.dashed && !s.dotted,
    spanGaps: true,
  }));
  const plugins = { legend: { display: false }, tooltip: { callbacks: { label: tooltipLabel } } };
  if (kind === "radar") {
    return {
      type: "radar",
      data: { labels: labels.map((label) => wrap(label)), datasets },
      options: {
        responsive: true,
        maintainAspectRatio: true,
        animation: false,
        scales: { r: { min: 0, max: 5, ticks: { stepSize: 1, backdropColor: "transparent" }, pointLabels: { font: { size: 11 } } } },
        plugins,
      },
    };
  }
  return {
    type: "line",
    data: { labels: labels.map((label) => wrap(label, 24)), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: true,
      animation: false,
      scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } } },
      plugins,
    },
  };
}

/** The Chart.js chart itself; loaded only in the browser, only on pages that draw one. */
export default function SeriesChartCanvas({
  kind,
  labels,
  series,
  hidden,
  title,
}: {
  kind: ChartKind;
  labels: string[];
  series: ChartSeries[];
  hidden: boolean[];
  title: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"radar" | "line"> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, configuration(kind, labels, series));
    return () => chart.current?.destroy();
  }, [kind, labels, series]);

  useEffect(() => {
    hidden.forEach((isHidden, i) => chart.current?.setDatasetVisibility(i, !isHidden));
    chart.current?.update();
  }, [hidden]);

  return <canvas ref={canvas} role="img" aria-label={`${title}: ${kind} chart; the table beside it has the same numbers.`} />;
}
