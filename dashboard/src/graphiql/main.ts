/**
 * The GraphQL IDE served at GET /graphql to a browser (graph/http/graphiql.ts): GraphiQL from
 * npm, bundled by Vite with its React (this page only; the dashboard is Preact) and its styles
 * (fonts inlined as data: URLs), so nothing is loaded from elsewhere. Its queries are POSTed to
 * /graphql on the same origin, as the dashboard's; the schema (with every field's description
 * and unit) comes from introspection, which the server answers on a loopback host.
 * Written without JSX: the dashboard's JSX runtime is Preact's. Its markup's accessibility gaps
 * are mended in ./a11y.ts, its colours' contrast in ./graphiql.css.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';
import './graphiql.css';
import { mendAccessibility } from './a11y';

/** POST /graphql as JSON; any answer (a GraphQL result or a route error) is shown as it came. */
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const extra = Object.fromEntries(Object.entries(options?.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { ...extra, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 500)}` }] };
  }
};

const DEFAULT_QUERY = `# VRS GraphQL IDE: every field and argument is described in the Docs panel (units included).
# Run with Ctrl-Enter. For example, the maps registered here:
query Maps {
  mapList(first: 10) {
    edges { node { id name dimensions { x y z } voxelSize { x y z } } }
  }
}
`;

const root = document.getElementById('graphiql')!;
root.textContent = '';
// the light theme: its colours are the ones mended for contrast (graphiql.css)
createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, shouldPersistHeaders: false, forcedTheme: 'light' }));
mendAccessibility(root);
