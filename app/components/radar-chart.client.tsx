import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";
import type { RadarSeries } from "./radar.tsx";

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

/** Long dimension names on several short lines, so the labels fit around the radar. */
function wrap(label: string, width = 16): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The Chart.js radar itself; loaded only in the browser, only on pages that draw one. */
export default function RadarChart({ labels, series, hidden, title }: { labels: string[]; series: RadarSeries[]; hidden: boolean[]; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"radar"> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: "radar",
      data: {
        labels: labels.map((label) => wrap(label)),
        datasets: series.map((s) => ({
          label: s.label,
          data: s.data,
          borderColor: s.color,
          backgroundColor: `${s.color}22`,
          pointBackgroundColor: s.color,
          borderDash: s.dashed ? [6, 4] : [],
          fill: !s.dashed,
          spanGaps: true,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: true,
        animation: false,
        scales: { r: { min: 0, max: 5, ticks: { stepSize: 1, backdropColor: "transparent" }, pointLabels: { font: { size: 11 } } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.raw === null ? "insufficient data" : Number(item.raw).toFixed(1)}` } },
        },
      },
    });
    return () => chart.current?.destroy();
  }, [labels, series]);

  useEffect(() => {
    hidden.forEach((isHidden, i) => chart.current?.setDatasetVisibility(i, !isHidden));
    chart.current?.update();
  }, [hidden]);

  return <canvas ref={canvas} role="img" aria-label={`${title}: radar chart; the table beside it has the same numbers.`} />;
}
