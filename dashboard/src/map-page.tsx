/**
 * One map's page: what the map is, the controls (threshold with the mass-versus-threshold plot
 * to choose it, resolution, profile, voxel size: applying them re-queries the graph and starts
 * what is not stored yet), the PDF link with the same parameters, the 3D view, and per level
 * its summary and one card per section, filling in live.
 */
import { useEffect, useState } from 'preact/hooks';
import { describe, gql } from './api';
import { Level0PlotsDocument, LocalMapsDocument, MapOneDocument, type Level0PlotsQuery, type LocalPaintFragment, type MapOneQuery } from './generated/graphql';
import { useLevel } from './live';
import { applies, levelName, paramsQuery, parseParams, startLevel, type Level, type Params } from './levels';
import { LinePlot } from './plots';
import { useArchivePlots } from './archive-plots';
import { useFscPlots } from './fsc-plot';
import { SectionCard } from './section-card';
import { SurfaceView, type Paint } from './viewer';
import type { Progress } from './levels';
import { voxelSizeKey } from './level-cell';
import { fmt } from './format';

type Plots = NonNullable<Level0PlotsQuery['map']>['level0'];
type MapInfo = NonNullable<MapOneQuery['map']>;

function paintOf(entry: [string, LocalPaintFragment] | undefined): Paint | null {
  if (!entry) return null;
  const [field, r] = entry;
  return { label: r.title, url: `/artifacts/${r.mapSha256}.mrc`, lo: r.percentiles!.p2_5, hi: r.percentiles!.p97_5, unit: r.unit, zeroIsUnmeasured: ZERO_UNMEASURED.has(field) };
}

function Controls({ map, params, massTable, onApply }: { map: MapInfo; params: Params; massTable: Plots['mask'] | undefined; onApply: (p: Params) => void }) {
  const [threshold, setThreshold] = useState(params.threshold == null ? '' : String(params.threshold));
  const aniso = map.voxelSize.x !== map.voxelSize.y || map.voxelSize.y !== map.voxelSize.z;
  const num = (f: HTMLFormElement, name: string) => { const v = (f.elements.namedItem(name) as HTMLInputElement).value; return v === '' ? null : Number(v); };
  const rows = massTable?.massTable ?? [];
  return (
    <section class="controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Parameters</h2>
      <form id="controls" onSubmit={(e) => {
        e.preventDefault();
        const f = e.currentTarget;
        onApply({ threshold: num(f, 'threshold'), resolution: num(f, 'resolution'), profile: (f.elements.namedItem('profile') as HTMLSelectElement).value as Params['profile'], voxelSize: num(f, 'voxelSize') });
      }}>
        <label>Threshold (map units) <input type="number" name="threshold" step="any" value={threshold} placeholder={map.contourLevel == null ? 'estimated' : `${map.contourLevel} (map's)`} onInput={(e) => setThreshold(e.currentTarget.value)} /></label>
        <label>Resolution (Å) <input type="number" name="resolution" step="any" min="0" defaultValue={params.resolution == null ? '' : String(params.resolution)} placeholder={map.reportedResolution == null ? 'none' : `${map.reportedResolution} (reported)`} /></label>
        <label>Criteria profile <select name="profile" defaultValue={params.profile}>
          <option value="STANDARD">standard</option><option value="VRS_2024">VRS 2024, to the letter</option>
        </select></label>
        <label>Voxel size (Å) <input type="number" name="voxelSize" step="any" min="0" defaultValue={params.voxelSize == null ? '' : String(params.voxelSize)} placeholder={aniso ? 'required: voxels not cubic' : `${fmt(map.voxelSize.x, 4)} (header)`} /></label>
        <button type="submit">Apply and compute</button>
      </form>
      {rows.length > 0 && (
        <LinePlot title="Mass against threshold (0.b)" xLabel="threshold (map units)" yLabel="mass (kDa)" x={rows.map((r) => r.threshold)}
          series={[{ label: 'molecular mass (kDa)', values: rows.map((r) => r.molecularMassKDa), colour: '#24446f' }]}
          markX={params.threshold ?? map.contourLevel} onPick={(t) => setThreshold(String(Number(t.toPrecision(4))))} />
      )}
    </section>
  );
}

function LevelBlock({ level, id, params, onPlots, onProgress }: { level: Level; id: string; params: Params; onPlots?: (p: Plots) => void; onProgress?: (p: Progress[]) => void }) {
  const [state, start] = useLevel(level, id, params, true, 0);
  useEffect(() => { if (state.progress) onProgress?.(state.progress); }, [state.progress]);
  const [plots, setPlots] = useState<Plots | null>(null);
  const done = (field: string) => state.progress?.find((p) => p.section === field)?.state === 'DONE';
  const maskDone = level.field === 'level0' && done('mask');
  const bDone = level.field === 'level0' && done('bFactor');
  useEffect(() => {
    if (!maskDone && !bDone) return;
    gql(Level0PlotsDocument, { id, ...params, mask: maskDone, bFactor: bDone }).then((d) => { if (d.map) { setPlots(d.map.level0); onPlots?.(d.map.level0); } }, () => undefined);
  }, [maskDone, bDone, JSON.stringify(params)]);
  const idle = state.progress?.every((p) => p.state === 'NOT_STARTED' || p.state === 'FAILED' || p.state === 'CANCELLED');
  const g = plots?.bFactor?.guinier;
  const archive = useArchivePlots(level, id, params, state.progress);
  const fsc = useFscPlots(level, id, params, state.progress);
  const extra: Record<string, preact.ComponentChildren> = {
    ...archive,
    ...fsc,
    bFactor: g && g.length > 0 && <LinePlot title="Guinier plot (0.d)" xLabel="1/d² (1/Å²)" yLabel="ln |F|" x={g.map((p) => p.inverseResolutionSquared)}
      series={[{ label: 'map', values: g.map((p) => p.lnAmplitude), colour: '#24446f' }, { label: 'sharpened', values: g.map((p) => p.lnAmplitudeCorrected), colour: '#c05a00', dash: [6, 4] }]} />,
  };
  return (
    <section class="level-block" aria-labelledby={`lv-${level.field}`} data-level={level.field}>
      <h2 id={`lv-${level.field}`}>{levelName(level)}</h2>
      {state.refusal && <p class="refusal" role="alert">{describe(state.refusal)}{state.refusal.code === 'MAP_ANISOTROPIC_VOXELS' ? ' Give the voxel size under Parameters.' : ''}</p>}
      {state.summary && (
        <div class="summary" data-testid={`summary-${level.field}`}>
          {level.scored
            ? <p class="score"><strong>{state.summary.score} / {state.summary.evaluable}</strong> {state.summary.scoreSentence}</p>
            : <p class="archive-line">{state.summary.scoreSentence}</p>}
          <ul>{state.summary.abstract.map((s) => <li key={s}>{s}</li>)}</ul>
        </div>
      )}
      {idle && <button type="button" data-action="start" onClick={() => start()}>Run {levelName(level)} with these parameters</button>}
      {state.busy && <p class="state" aria-live="polite">Computing: {state.progress!.filter((p) => p.state === 'DONE').length} of {state.progress!.length} sections done.</p>}
      {state.progress && (
        <div class="cards">
          {level.sections.map((s) => <SectionCard key={s.field} section={s} progress={state.progress!.find((p) => p.section === s.field)} record={state.records.get(s.field)} plots={extra[s.field]} />)}
        </div>
      )}
    </section>
  );
}

const PAINTABLE = [['localResolution', 'e'], ['localBFactor', 'f'], ['localOccupancy', 'g']] as const;
/** 0.e's map holds 0 where MonoRes measured nothing (as the report paints it grey). */
const ZERO_UNMEASURED = new Set(['localResolution']);

/** The local maps of the done sections 0.e–0.g, to paint the 3D view with. */
function usePaints(id: string, params: Params, done: Set<string>): [string, LocalPaintFragment][] {
  const [paints, setPaints] = useState<[string, LocalPaintFragment][]>([]);
  const key = PAINTABLE.map(([f]) => done.has(f)).join();
  useEffect(() => {
    const flags = Object.fromEntries(PAINTABLE.map(([f, k]) => [k, done.has(f)])) as { e: boolean; f: boolean; g: boolean };
    if (!flags.e && !flags.f && !flags.g) return setPaints([]);
    gql(LocalMapsDocument, { id, ...params, ...flags }).then((d) => {
      const l = d.map?.level0;
      if (l) setPaints(PAINTABLE.flatMap(([f]) => { const r = l[f]; return r?.mapSha256 && r.percentiles ? [[f, r] as [string, LocalPaintFragment]] : []; }));
    }, () => setPaints([]));
  }, [id, JSON.stringify(params), key]);
  return paints;
}

export function MapPage({ id, query, levels }: { id: string; query: URLSearchParams; levels: Level[] }) {
  const [map, setMap] = useState<MapInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mask, setMask] = useState<Plots['mask']>();
  const [done, setDone] = useState<Set<string>>(new Set());
  const [painted, setPainted] = useState('');
  const stored = Number(localStorage.getItem(voxelSizeKey(id)));
  const params = parseParams(query);
  if (params.voxelSize == null && stored > 0) params.voxelSize = stored;
  useEffect(() => {
    gql(MapOneDocument, { id }).then((d) => (d.map ? setMap(d.map) : setError('No map has this id (forgotten?).')), (e) => setError(describe(e)));
  }, [id]);
  const paints = usePaints(id, params, done);
  useEffect(() => { if (map) document.title = `${map.name} · VRS`; }, [map]);
  if (error) return <p class="error" role="alert">{error} <a href="#/">Back to the maps</a></p>;
  if (!map) return <p class="muted">Loading…</p>;
  const shown = levels.filter((l) => applies(l, map));
  const apply = async (p: Params) => {
    if (p.voxelSize != null) localStorage.setItem(voxelSizeKey(id), String(p.voxelSize));
    // start what is not stored yet (memoized sections come back at once), then show it
    await Promise.all(shown.map((l) => startLevel(l, id, p).catch(() => undefined)));
    location.hash = `#/map/${id}${paramsQuery(p)}`;
  };
  const d = map.dimensions, v = map.voxelSize;
  return (
    <>
      <nav class="crumbs" aria-label="Breadcrumb"><a href="#/">Maps</a> › <span aria-current="page">{map.name}</span></nav>
      <h1>{map.name}</h1>
      <p class="facts">
        {map.emdb?.id && <span>{map.emdb.id}{map.emdb.title ? ` — ${map.emdb.title}` : ''}</span>}
        <span>{d.x}×{d.y}×{d.z} voxels of {fmt(v.x, 4)}{v.x !== v.y || v.y !== v.z ? `×${fmt(v.y, 4)}×${fmt(v.z, 4)}` : ''} Å</span>
        <span>values {fmt(map.statistics.min)} … {fmt(map.statistics.max)}, mean {fmt(map.statistics.mean)}, sd {fmt(map.statistics.std)}</span>
        {map.halfMaps && <span>half maps {map.halfMaps.half1.name}, {map.halfMaps.half2.name}</span>}
        {map.model && <span>model {map.model.name} ({map.model.atoms} atoms)</span>}
        <a class="pdf" href={`/maps/${id}/report.pdf${paramsQuery({ ...params, voxelSize: null })}`} target="_blank" rel="noopener">PDF report with these parameters</a>
      </p>
      <div class="top-grid">
        <Controls key={JSON.stringify(params)} map={map} params={params} massTable={mask} onApply={apply} />
        <section aria-labelledby="view-title" class="view">
          <h2 id="view-title">3D view</h2>
          {paints.length > 0 && (
            <label class="inline">Paint the surface with <select name="paint" value={painted} onChange={(e) => setPainted(e.currentTarget.value)}>
              <option value="">one colour</option>
              {paints.map(([f, r]) => <option key={f} value={f}>{r.title}</option>)}
            </select></label>
          )}
          <SurfaceView id={id} params={params} dims={map.dimensions} paint={paintOf(paints.find(([f]) => f === painted))} />
        </section>
      </div>
      {shown.map((l, i) => <LevelBlock key={l.field} level={l} id={id} params={params} onPlots={i === 0 ? (p) => setMask(p.mask) : undefined}
        onProgress={i === 0 ? (p) => setDone(new Set(p.filter((s) => s.state === 'DONE').map((s) => s.section))) : undefined} />)}
    </>
  );
}
