// A small time-series chart (uPlot: canvas, fast, tiny): one x axis in seconds, a few series; resized with its box,
// coloured from the theme's custom properties, redrawn with new data without being made again.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** A CSS custom property of the theme, e.g. --accent. */
  color: string;
  values: (number | null | undefined)[];
  unit?: string;
}

const cssVar = (el: Element, name: string, fallback: string) => getComputedStyle(el).getPropertyValue(name).trim() || fallback;

export function UPlotChart({
  title,
  x,
  series,
  height = 150,
  yMax,
}: {
  title: string;
  x: number[];
  series: ChartSeries[];
  height?: number;
  yMax?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const shape = series.map((s) => `${s.label}|${s.color}|${s.unit ?? ''}`).join(',');

  const ready = x.length >= 2;
  useEffect(() => {
    const el = box.current;
    if (!el || !ready) return;
    const text = cssVar(el, '--fg-muted', '#888');
    const grid = cssVar(el, '--border', '#ddd');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      // The legend names the series; the latest values are in the caption.
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: yMax !== undefined ? { range: [0, yMax] } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
      },
      axes: [axis, { ...axis, size: 48 }],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: cssVar(el, s.color, '#36c'),
          width: 2,
          points: { show: false },
          value: (_u: uPlot, v: number | null) =>
            v === null || v === undefined ? '–' : `${Number(v.toFixed(2)).toLocaleString()}${s.unit ?? ''}`,
        })),
      ],
    };
    plot.current = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = undefined;
    };
    // Made again only when the series change shape; new data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, yMax, ready]);

  useEffect(() => {
    plot.current?.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData);
  });

  const latest = series
    .map((s) => {
      const v = s.values.findLast((n) => n !== null && n !== undefined);
      return v === null || v === undefined ? undefined : `${s.label} ${Number(v.toFixed(2)).toLocaleString()}${s.unit ?? ''}`;
    })
    .filter(Boolean)
    .join(' · ');
  return (
    <figure className="chart">
      <figcaption>
        <span>{title}</span>
        {latest && <span className="chart-latest muted">now: {latest}</span>}
      </figcaption>
      <div
        ref={box}
        className="chart-box"
        role="img"
        aria-label={`${title}: ${x.length} readings${latest ? `, now ${latest}` : ''}`}
        style={{ minHeight: height }}
      >
        {!ready && <p className="chart-empty muted">Gathering readings while this page is open…</p>}
      </div>
    </figure>
  );
}
