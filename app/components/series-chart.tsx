import { lazy, Suspense, useEffect, useId, useState } from "react";

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  color: string;
  dashed?: boolean;
  /** Drawn dotted and unfilled (a reference such as a benchmark). */
  dotted?: boolean;
  /** Drawn heavier than the others (the index among the dimensions). */
  bold?: boolean;
}

export type ChartKind = "radar" | "line";

const ClientChart = lazy(() => import("./series-chart.client.tsx"));

/**
 * A radar or line chart of scores on the 1–5 scale, with keyboard-usable series toggles.
 * Chart.js loads only once the page runs, only on pages that draw a chart.
 */
export function SeriesChart({ kind, title, labels, series }: { kind: ChartKind; title: string; labels: string[]; series: ChartSeries[] }) {
  const [mounted, setMounted] = useState(false);
  const [hidden, setHidden] = useState(() => series.map(() => false));
  const id = useId();
  useEffect(() => setMounted(true), []);
  return (
    <figure className="series-chart">
      <fieldset className="series-toggles">
        <legend className="visually-hidden">Series shown in “{title}”</legend>
        {series.map((s, i) => (
          <label key={s.label} className="series-toggle">
            <input
              type="checkbox"
              checked={!hidden[i]}
              onChange={() => setHidden((h) => h.map((v, j) => (j === i ? !v : v)))}
              disabled={!mounted}
              aria-describedby={`${id}-note`}
            />
            <span className="swatch" style={{ borderColor: s.color, borderStyle: s.dotted ? "dotted" : s.dashed ? "dashed" : "solid" }} />
            {s.label}
          </label>
        ))}
      </fieldset>
      <div className={`chart-canvas chart-canvas-${kind}`}>
        {mounted ? (
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            <ClientChart kind={kind} labels={labels} series={series} hidden={hidden} title={title} />
          </Suspense>
        ) : (
          <p className="muted">Loading the chart…</p>
        )}
      </div>
      <figcaption id={`${id}-note`} className="muted small">
        {title}. The table beside the chart carries the same numbers.
      </figcaption>
    </figure>
  );
}
