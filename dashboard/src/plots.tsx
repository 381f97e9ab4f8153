/**
 * Line plots drawn with uPlot from the same data the report plots (0.b's mass against
 * threshold, 0.d's Guinier plot, the archive checks' curves and histogram). Sized to their container (360 px phones included); a
 * marker line shows the chosen threshold.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series { label: string; values: (number | null)[]; colour: string; dash?: number[] }

/** `bars`: drawn as a histogram (E.a's map-value distribution) rather than a line. */
export function LinePlot({ title, xLabel, yLabel, x, series, markX, onPick, bars }: {
  title: string; xLabel: string; yLabel: string; x: number[]; series: Series[]; markX?: number | null; onPick?: (x: number) => void; bars?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const width = () => Math.max(240, Math.min(640, el.clientWidth));
    const mark = (u: uPlot) => {
      if (markX == null) return;
      const px = u.valToPos(markX, 'x', true);
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#b3261e';
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(px, u.bbox.top);
      ctx.lineTo(px, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.restore();
    };
    const plot = new uPlot({
      width: width(), height: 220, title,
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, { label: yLabel }],
      series: [{ label: xLabel }, ...series.map((s) => ({
        label: s.label, stroke: s.colour, width: bars ? 1 : 2, dash: s.dash, points: { show: false },
        ...(bars ? { fill: `${s.colour}99`, paths: uPlot.paths.bars!({ size: [1, Infinity], gap: 0 }) } : {}),
      }))],
      hooks: { draw: [mark], ...(onPick ? { ready: [(u: uPlot) => u.over.addEventListener('click', () => { if (u.cursor.idx != null) onPick(x[u.cursor.idx]!); })] } : {}) },
      legend: { live: false },
    }, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    resize.observe(el);
    return () => { resize.disconnect(); plot.destroy(); };
  }, [title, x, series, markX]);
  return <div class="plot" ref={box} role="img" aria-label={`${title}: ${yLabel} against ${xLabel}`} />;
}
