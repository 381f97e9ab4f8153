/**
 * The dashboard: a single-page app over the public GraphQL API. Two pages, addressed by the
 * hash so that every server route stays as it is: #/ (the maps) and #/map/{id}?threshold=…
 * (one map's sections, figures, 3D view and controls).
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql, describe } from './api';
import { LayoutDocument } from './generated/graphql';
import type { Level } from './levels';
import { MapList } from './list';
import { MapPage } from './map-page';
import './style.css';

function route(): { page: 'list' } | { page: 'map'; id: string; query: URLSearchParams } {
  const m = /^#\/map\/([0-9a-f]{64})(?:\?(.*))?$/.exec(location.hash);
  return m ? { page: 'map', id: m[1]!, query: new URLSearchParams(m[2] ?? '') } : { page: 'list' };
}

function App() {
  const [where, setWhere] = useState(route);
  const [levels, setLevels] = useState<Level[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const on = () => setWhere(route());
    addEventListener('hashchange', on);
    gql(LayoutDocument, {}).then((d) => setLevels(d.reportLayout), (e) => setError(`Could not read the levels: ${describe(e)}`));
    return () => removeEventListener('hashchange', on);
  }, []);
  useEffect(() => { if (where.page === 'list') document.title = 'VRS · map validation'; }, [where]);
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <a href="#/" class="brand">VRS <span>map validation</span></a>
      </header>
      <main id="main" tabIndex={-1}>
        {error && <p class="error" role="alert">{error}</p>}
        {levels && (where.page === 'map' ? <MapPage key={where.id} id={where.id} query={where.query} levels={levels} /> : <MapList levels={levels} />)}
        {!levels && !error && <p class="muted">Loading…</p>}
      </main>
    </>
  );
}

const root = document.getElementById('app')!;
root.textContent = ''; // the boot line, shown until the bundle runs
render(<App />, root);
