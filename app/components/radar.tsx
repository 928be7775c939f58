import { lazy, Suspense, useEffect, useId, useState } from "react";

export interface RadarSeries {
  label: string;
  data: (number | null)[];
  color: string;
  dashed?: boolean;
}

const RadarChart = lazy(() => import("./radar-chart.client.tsx"));

/** A radar with keyboard-usable series toggles; Chart.js loads only once the page runs. */
export function Radar({ title, labels, series }: { title: string; labels: string[]; series: RadarSeries[] }) {
  const [mounted, setMounted] = useState(false);
  const [hidden, setHidden] = useState(() => series.map(() => false));
  const id = useId();
  useEffect(() => setMounted(true), []);
  return (
    <figure className="radar">
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
            <span className="swatch" style={{ borderColor: s.color, borderStyle: s.dashed ? "dashed" : "solid" }} />
            {s.label}
          </label>
        ))}
      </fieldset>
      <div className="radar-canvas">
        {mounted ? (
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            <RadarChart labels={labels} series={series} hidden={hidden} title={title} />
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
