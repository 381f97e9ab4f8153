/**
 * Line plots drawn with uPlot from the same data the report plots (0.b's mass against
 * threshold, 0.d's Guinier plot, the FSC of 1.a, 1.b and A.a, the archive checks' curves and histogram). Sized to
 * their container (360 px phones included); a marker line shows the chosen threshold; optional
 * horizontal reference lines (FSC 0.143, 0.5) and labelled vertical marks (1.a's crossings, in Å),
 * their labels placed so that none covers another (plot-labels.ts: on a narrow plot the vertical
 * marks get numbered tags and their labels are listed under the plot).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { layoutLabels } from './plot-labels';

/** `points`: drawn as dots, no line (1.b's significant shells); `fill`: a bar plot's fill (default: the colour, translucent). */
export interface Series { label: string; values: (number | null)[]; colour: string; dash?: number[]; width?: number; points?: boolean; fill?: string }
/** A labelled line across the plot: `x` a vertical one (a crossing), `y` a horizontal one (a threshold), `colour` a horizontal line's (grey by default). */
export interface Guide { x?: number; y?: number; label: string; colour?: string }

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
  // vertical marks too close together to label in full on the canvas (plot-labels.ts): listed under the plot by tag
  const [listed, setListed] = useState<{ tag: string; text: string }[]>([]);
  const listedRef = useRef('[]');
  useEffect(() => {
    const el = box.current!;
    const width = () => Math.max(240, Math.min(640, el.clientWidth));
    const line = (u: uPlot, x0: number, y0: number, x1: number, y1: number, colour: string, dash: number[], width = 1) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.lineWidth = width * uPlot.pxRatio;
      ctx.setLineDash(dash.map((d) => d * uPlot.pxRatio));
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      ctx.restore();
    };
    const draw = (u: uPlot) => {
      const r = uPlot.pxRatio, ctx = u.ctx;
      const { left, top, width: w, height: h } = u.bbox;
      if (markX != null) { const px = u.valToPos(markX, 'x', true); line(u, px, top, px, top + h, '#b3261e', [5, 4]); }
      // the labels' places are worked out in CSS pixels (plot-labels.ts), drawn in the canvas's
      ctx.save();
      ctx.font = `${11 * r}px system-ui, sans-serif`;
      const inRange = (g: Guide) => g.y != null || (g.x != null && g.x >= u.scales.x.min! && g.x <= u.scales.x.max!);
      const shown = (guides ?? []).filter(inRange);
      // (valToPos without its canvas flag is relative to the plotting box, not the canvas: the canvas's, scaled back)
      const layout = layoutLabels(shown.map((g) => (g.y != null ? { y: u.valToPos(g.y, 'y', true) / r, text: g.label } : { x: u.valToPos(g.x!, 'x', true) / r, text: g.label })),
        { x: left / r, y: top / r, w: w / r, h: h / r }, (t) => ctx.measureText(t).width / r);
      ctx.restore();
      const vertical = shown.filter((g) => g.y == null).sort((a, b) => a.x! - b.x!);
      for (const g of shown) {
        if (g.y == null) continue;
        const py = u.valToPos(g.y, 'y', true);
        // on a white stroke: visible over bars (A.a's residue CC) as over curves
        line(u, left, py, left + w, py, '#fff', [], 3);
        line(u, left, py, left + w, py, g.colour ?? '#555', [4, 3]);
      }
      vertical.forEach((g, k) => {
        // a crossing: a dotted line from its label (or the top) down to the axis
        const label = layout.placed.find((p) => p.mark === k);
        const px = u.valToPos(g.x!, 'x', true);
        line(u, px, label ? (label.box.y + label.box.h) * r : top, px, top + h, INK, [1, 2]);
      });
      for (const p of layout.placed) {
        ctx.save();
        ctx.font = `${11 * r}px system-ui, sans-serif`;
        // uPlot leaves its axis labels' alignment on the context
        ctx.textAlign = 'left';
        ctx.textBaseline = 'alphabetic';
        // on a pale box: legible over the curves and grid
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(p.box.x * r, p.box.y * r, p.box.w * r, p.box.h * r);
        ctx.fillStyle = INK;
        ctx.fillText(p.text, (p.box.x + 2) * r, p.baseline * r);
        ctx.restore();
      }
      // the boxes for a test to check, and the marks too crowded to label in full for the list under the plot
      el.dataset.labels = JSON.stringify(layout.placed.map((p) => ({ text: p.text, ...p.box })));
      const listed = JSON.stringify(layout.listed);
      if (listed !== listedRef.current) { listedRef.current = listed; setListed(layout.listed); }
    };
    const plot = new uPlot({
      width: width(), height: 220, title,
      scales: { x: { time: false }, ...(yRange ? { y: { range: yRange } } : {}) },
      axes: [{ label: xLabel, ...(xTick ? { values: (_u: uPlot, ticks: number[]) => ticks.map(xTick), size: 56 } : {}) }, { label: yLabel }],
      series: [{ label: xLabel, ...(xValue ? { value: (_u: uPlot, v: number | null) => (v == null ? '–' : xValue(v)) } : {}) }, ...series.map((s) => ({
        label: s.label, stroke: s.colour, width: s.width ?? (bars ? 1 : 2), dash: s.dash, points: { show: false },
        ...(s.points ? { points: { show: true, size: 6, fill: s.colour, stroke: s.colour }, paths: () => null } : {}),
        ...(bars ? { fill: s.fill ?? `${s.colour}99`, paths: uPlot.paths.bars!({ size: [1, Infinity], gap: 0 }) } : {}),
      }))],
      hooks: { draw: [draw], ...(onPick ? { ready: [(u: uPlot) => u.over.addEventListener('click', () => { if (u.cursor.idx != null) onPick(x[u.cursor.idx]!); })] } : {}) },
      legend: { live: !!live },
    }, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    resize.observe(el);
    return () => { resize.disconnect(); plot.destroy(); };
  }, [title, x, series, markX, guides]);
  return (
    <>
      <div class="plot" ref={box} role="img" aria-label={`${title}: ${yLabel} against ${xLabel}`} />
      {listed.length > 0 && (
        <ol class="plot-marks" aria-label={`${title}: marks`}>
          {listed.map((m) => <li key={m.tag}><span class="tag">{m.tag}</span> {m.text}</li>)}
        </ol>
      )}
    </>
  );
}
