/**
 * The map list: every registered map (read a page of 100 at a time), searched by name, id or
 * EMDB id, sorted, shown a page at a time; each row's levels live (LevelCell), its PDF and page,
 * and Forget with a confirmation. Half maps linked to a listed map are folded away.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describe, gql } from './api';
import { ForgetMapDocument, MapListDocument, type MapListQuery, type MapRowFragment } from './generated/graphql';
import { Legend } from './chips';
import { LevelCell, voxelSizeKey } from './level-cell';
import { applies, DEFAULT_PARAMS, paramsQuery, type Level, type Params } from './levels';
import { Upload } from './upload';
import { fmt } from './format';

type SortKey = 'newest' | 'oldest' | 'name' | 'resolution' | 'size';
const SORTS: Record<SortKey, [string, (a: MapRowFragment, b: MapRowFragment) => number]> = {
  newest: ['newest first', (a, b) => b.createdAt.localeCompare(a.createdAt)],
  oldest: ['oldest first', (a, b) => a.createdAt.localeCompare(b.createdAt)],
  name: ['name', (a, b) => a.name.localeCompare(b.name)],
  resolution: ['reported resolution', (a, b) => (a.reportedResolution ?? Infinity) - (b.reportedResolution ?? Infinity)],
  size: ['file size', (a, b) => b.sizeBytes - a.sizeBytes],
};
const PAGE = 10;

async function allMaps(): Promise<MapRowFragment[]> {
  const out: MapRowFragment[] = [];
  let after: string | null = null;
  for (;;) {
    const { mapList }: MapListQuery = await gql(MapListDocument, { first: 100, after });
    out.push(...mapList.edges.map((e) => e.node));
    if (!mapList.pageInfo.hasNextPage) return out;
    after = mapList.pageInfo.endCursor ?? null;
  }
}

export function matches(map: MapRowFragment, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  return [map.name, map.id, map.emdb?.id ?? '', map.emdb?.title ?? ''].some((s) => s.toLowerCase().includes(q.replace(/^emd[-_]/, '')) || s.toLowerCase().includes(q));
}

function Row({ map, levels, tick, onForgotten }: { map: MapRowFragment; levels: Level[]; tick: number; onForgotten: (msg: string) => void }) {
  const stored = Number(localStorage.getItem(voxelSizeKey(map.id)));
  const [params, setParams] = useState<Params>({ ...DEFAULT_PARAMS, voxelSize: stored > 0 ? stored : null });
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = map.dimensions, v = map.voxelSize;
  const aniso = v.x !== v.y || v.y !== v.z;
  const forget = async () => {
    try {
      await gql(ForgetMapDocument, { id: map.id });
      localStorage.removeItem(voxelSizeKey(map.id));
      onForgotten(`Forgot ${map.name} and its stored results.`);
    } catch (e) { setError(describe(e)); }
  };
  return (
    <tr data-id={map.id}>
      <td class="map-cell">
        <a href={`#/map/${map.id}${paramsQuery(params)}`} class="map-name">{map.name}</a>
        {map.emdb?.id && <span class="emdb">{map.emdb.id}{map.emdb.title ? ` — ${map.emdb.title}` : ''}</span>}
        <small class="mono">{map.id.slice(0, 12)}… · {new Date(map.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</small>
      </td>
      <td data-label="Box">{d.x}×{d.y}×{d.z}<small>{aniso ? `${fmt(v.x, 4)}×${fmt(v.y, 4)}×${fmt(v.z, 4)}` : fmt(v.x, 4)} Å/voxel</small></td>
      <td data-label="Threshold · resolution">{map.contourLevel == null ? <span class="muted">estimated</span> : fmt(map.contourLevel, 4)}<small>{map.reportedResolution == null ? 'no resolution' : `${fmt(map.reportedResolution)} Å`}</small></td>
      <td class="sections" data-label="Sections">
        {levels.filter((l) => applies(l, map)).map((l) => <LevelCell key={l.field} level={l} mapId={map.id} params={params} onParams={setParams} tick={tick} />)}
      </td>
      <td class="actions">
        <a href={`#/map/${map.id}${paramsQuery(params)}`}>Open</a>
        <a href={`/maps/${map.id}/report.pdf${paramsQuery({ ...params, voxelSize: null })}`} target="_blank" rel="noopener">PDF</a>
        {confirm ? (
          <span class="confirm" role="group" aria-label={`Forget ${map.name}?`}>
            Forget it and its results?
            <button type="button" class="danger" data-action="confirm-forget" onClick={forget}>Forget</button>
            <button type="button" onClick={() => setConfirm(false)}>Keep</button>
          </span>
        ) : <button type="button" data-action="forget" onClick={() => setConfirm(true)} aria-label={`Forget ${map.name}`}>Forget…</button>}
        {error && <p class="error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}

export function MapList({ levels }: { levels: Level[] }) {
  const [maps, setMaps] = useState<MapRowFragment[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('newest');
  const [page, setPage] = useState(0);
  const [showHalves, setShowHalves] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = () => allMaps().then(setMaps, (e) => setMessage({ text: `Could not list the maps: ${describe(e)}`, error: true }));
  useEffect(() => { reload(); }, [tick]);
  const shown = useMemo(() => {
    if (!maps) return [];
    const halves = new Set(maps.flatMap((m) => (m.halfMaps ? [m.halfMaps.half1.sha256, m.halfMaps.half2.sha256] : [])));
    return maps.filter((m) => (showHalves || !halves.has(m.id)) && matches(m, search)).sort(SORTS[sort][1]);
  }, [maps, search, sort, showHalves]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);
  return (
    <>
      <Upload levels={levels} onDone={(text, error) => { setMessage({ text, error }); setTick((t) => t + 1); }} />
      <section aria-labelledby="maps-title">
        <h2 id="maps-title">Maps</h2>
        <div class="toolbar">
          <label>Search <input type="search" name="search" value={search} placeholder="name, id or EMDB id" onInput={(e) => { setSearch(e.currentTarget.value); setPage(0); }} /></label>
          <label>Sort by <select name="sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
            {Object.entries(SORTS).map(([k, [label]]) => <option key={k} value={k}>{label}</option>)}
          </select></label>
          <label class="inline"><input type="checkbox" checked={showHalves} onChange={(e) => setShowHalves(e.currentTarget.checked)} /> show linked half maps</label>
        </div>
        <p id="message" role="status" aria-live="polite" class={message?.error ? 'error' : ''}>{message?.text}</p>
        <div class="table-wrap">
          <table id="maps">
            <thead><tr><th scope="col">Map</th><th scope="col">Box · voxel</th><th scope="col">Threshold · resolution</th><th scope="col">Sections, by level</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {maps == null ? <tr><td colSpan={5} class="muted">Loading…</td></tr>
                : shown.length === 0 ? <tr><td colSpan={5} class="muted">{maps.length ? 'No map matches the search.' : 'No map registered yet: upload one above, or run vrs validate on this database.'}</td></tr>
                : shown.slice(current * PAGE, (current + 1) * PAGE).map((m) => <Row key={m.id} map={m} levels={levels} tick={tick} onForgotten={(text) => { setMessage({ text }); setTick((t) => t + 1); }} />)}
            </tbody>
          </table>
        </div>
        {pages > 1 && (
          <nav class="pager" aria-label="Pages of maps">
            <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>Previous</button>
            <span>page {current + 1} of {pages} ({shown.length} maps)</span>
            <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Next</button>
          </nav>
        )}
        <Legend />
      </section>
    </>
  );
}
