/**
 * Line plots drawn with uPlot from the same data the report plots (0.b's mass against
 * threshold, 0.d's Guinier plot, the FSC of 1.a, 1.b and A.a, the archive checks' curves and histogram). Sized to
 * their container (360 px phones included); a marker line shows the chosen threshold; optional
 * horizontal reference lines (FSC 0.143, 0.5) and labelled vertical marks (1.a's crossings, in Å).
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** `points`: drawn as dots, no line (1.b's significant shells). */
export interface Series { label: string; values: (number | null)[]; colour: string; dash?: number[]; width?: number; points?: boolean }
/** A labelled line across the plot: `x` a vertical one (a crossing), `y` a horizontal one (a threshold). */
export interface Guide { x?: number; y?: number; label: string }

const INK = '#333';

/**
 * `bars`: drawn as a histogram (E.a's map-value distribution) rather than a line. `xTick`
 * writes the x ticks, `xValue` the hovered x value; `live`: the legend shows the values under
 * the cursor; `yRange`: fixed y scale.
 */
export function LinePlot({ title, xLabel, yLabel, x, series, markX, onPick, bars, guides, xTick, xValue, live, yRange }: {
  title: string; xLabel: string; yLabel: string; x: number[]; series: Series[]; markX?: number | null; onPick?: (x: number) => void; bars?: boolean;
  guides?: Guide[]; xTick?: (v: number) => string; xValue?: (v: number) => string; live?: boolean; yRange?: [number, number];
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const width = () => Math.max(240, Math.min(640, el.clientWidth));
    const line = (u: uPlot, x0: number, y0: number, x1: number, y1: number, colour: string, dash: number[]) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.lineWidth = uPlot.pxRatio;
      ctx.setLineDash(dash.map((d) => d * uPlot.pxRatio));
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      ctx.restore();
    };
    const text = (u: uPlot, label: string, px: number, py: number) => {
      const ctx = u.ctx, r = uPlot.pxRatio;
      ctx.save();
      ctx.font = `${11 * r}px system-ui, sans-serif`;
      // uPlot leaves its axis labels' alignment on the context
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      // labels stay inside the plot: to the left of their line near the right edge
      const w = ctx.measureText(label).width;
      const right = px + 4 * r + w > u.bbox.left + u.bbox.width;
      // …and never past its left edge (a long label on a narrow plot)
      const x0 = Math.max(u.bbox.left, right ? px - 4 * r - w : px + 4 * r);
      // on a pale box: legible over the curves and grid
      ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.fillRect(x0 - 2 * r, py - 10 * r, w + 4 * r, 13 * r);
      ctx.fillStyle = INK;
      ctx.fillText(label, x0, py);
      ctx.restore();
    };
    const draw = (u: uPlot) => {
      const { left, top, width: w, height: h } = u.bbox;
      if (markX != null) { const px = u.valToPos(markX, 'x', true); line(u, px, top, px, top + h, '#b3261e', [5, 4]); }
      let k = 0;
      // vertical marks staggered from the top in order of x (the finest resolution lowest)
      for (const g of [...(guides ?? [])].sort((a, b) => (a.x ?? -Infinity) - (b.x ?? -Infinity))) {
        if (g.y != null) {
          const py = u.valToPos(g.y, 'y', true);
          line(u, left, py, left + w, py, '#666', [4, 3]);
          text(u, g.label, left, py - 3 * uPlot.pxRatio);
        } else if (g.x != null && g.x >= u.scales.x.min! && g.x <= u.scales.x.max!) {
          // crossings: a dotted line down to the axis, labels staggered so they do not collide
          const px = u.valToPos(g.x, 'x', true), py = top + (14 + 13 * k++) * uPlot.pxRatio;
          line(u, px, py, px, top + h, INK, [1, 2]);
          text(u, g.label, px, py);
        }
      }
    };
    const plot = new uPlot({
      width: width(), height: 220, title,
      scales: { x: { time: false }, ...(yRange ? { y: { range: yRange } } : {}) },
      axes: [{ label: xLabel, ...(xTick ? { values: (_u: uPlot, ticks: number[]) => ticks.map(xTick), size: 56 } : {}) }, { label: yLabel }],
      series: [{ label: xLabel, ...(xValue ? { value: (_u: uPlot, v: number | null) => (v == null ? '–' : xValue(v)) } : {}) }, ...series.map((s) => ({
        label: s.label, stroke: s.colour, width: s.width ?? (bars ? 1 : 2), dash: s.dash, points: { show: false },
        ...(s.points ? { points: { show: true, size: 6, fill: s.colour, stroke: s.colour }, paths: () => null } : {}),
        ...(bars ? { fill: `${s.colour}99`, paths: uPlot.paths.bars!({ size: [1, Infinity], gap: 0 }) } : {}),
      }))],
      hooks: { draw: [draw], ...(onPick ? { ready: [(u: uPlot) => u.over.addEventListener('click', () => { if (u.cursor.idx != null) onPick(x[u.cursor.idx]!); })] } : {}) },
      legend: { live: !!live },
    }, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    resize.observe(el);
    return () => { resize.disconnect(); plot.destroy(); };
  }, [title, x, series, markX, guides]);
  return <div class="plot" ref={box} role="img" aria-label={`${title}: ${yLabel} against ${xLabel}`} />;
}
