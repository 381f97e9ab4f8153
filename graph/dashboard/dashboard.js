// The dashboard: a page over the public GraphQL API (no other back door). Lists the registered
// maps with the state of each section of each level, starts the analyses, links the PDF reports,
// and registers uploaded maps. A level whose inputs a map has not got (half maps, model) is not shown for it. Polls every 2 s while a section is queued or running. The levels
// and their sections come from the graph (reportLayout, derived from the declared levels): a new
// section or level gets its chips and its Run button with nothing written here.
const LAYOUT = `{ reportLayout { field id chapterTitle inputs sections { field id title } } }`;
const MAPS = `{ mapList(first: 100) { edges { node { id name dimensions { x y z } voxelSize { x y z }
  contourLevel contourSource reportedResolution emdb { id title } model { sha256 } halfMaps { half1 { sha256 } } } } } }`;
// a map shows the levels whose inputs it has (as its report): half maps for Level 1, a model for Level A
const hasInputs = (map, level) => level.inputs.every((r) => r === 'map' || (r === 'model' ? map.model : r.startsWith('half') ? map.halfMaps : false));
const cap = (s) => s[0].toUpperCase() + s.slice(1);
// per level: its status query, its summary's score and its start mutation (names derived from the level's field)
const STATUS = (l) => `query($id: ID!) { ${l.field}Status(mapId: $id) { section state computeMillis error { code message } } }`;
const SCORE = (l) => `query($id: ID!) { map(id: $id) { ${l.field} { summary { score evaluable } } } }`;
const START = (l) => `mutation($id: ID!) { start${cap(l.field)}(mapId: $id) { section state } }`;
let levels = null;
const REGISTER = `mutation($input: RegisterMapInput!) { registerMap(input: $input) { id name } }`;

const $ = (selector) => document.querySelector(selector);
const text = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const codeOf = (e) => (e?.extensions?.code ? `[${e.extensions.code}] ` : '');

// Any answer is handled: GraphQL errors, the other routes' {error: {code, message}}, a body
// that is not JSON (a proxy's error page, a cut connection) or no data.
async function gql(query, variables = {}) {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await res.json().catch(() => null);
  const errors = Array.isArray(body?.errors) ? body.errors
    : body?.error ? [{ message: body.error.message, extensions: { code: body.error.code } }] : [];
  if (errors.length) throw new Error(errors.map((e) => codeOf(e) + (e?.message ?? 'error')).join('; '));
  if (!res.ok || body?.data == null) throw new Error(`the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} without data`);
  return body.data;
}

function say(message, error = false) {
  const el = $('#message');
  el.textContent = message;
  el.className = error ? 'error' : '';
}

const fmt = (v, digits = 3) => (v == null ? '–' : Number(v).toPrecision(digits));

function chips(level, states) {
  if (!states) return '<span class="muted">…</span>';
  const bySection = new Map(states.map((s) => [s.section, s]));
  return level.sections.map(({ field, id }) => {
    const label = id ?? 'in';
    const s = bySection.get(field);
    const state = s?.state ?? 'NOT_STARTED';
    const tip = s?.error ? `${s.error.code}: ${s.error.message}` : s?.computeMillis != null ? `${field}: ${(s.computeMillis / 1000).toFixed(2)} s` : `${field}: ${state.toLowerCase().replace('_', ' ')}`;
    return `<span class="chip ${state}" data-section="${field}" title="${text(tip)}">${label}</span>`;
  }).join('');
}

function row(map, perLevel) {
  const d = map.dimensions, v = map.voxelSize;
  const emdb = map.emdb?.id ? ` · ${text(map.emdb.id)}${map.emdb.title ? ` — ${text(map.emdb.title)}` : ''}` : '';
  const threshold = map.contourLevel == null ? '<span class="muted">estimated</span>' : `${fmt(map.contourLevel, 4)} <small>${text(map.contourSource ?? '')}</small>`;
  const idle = (states) => !states || states.every((s) => s.state === 'NOT_STARTED' || s.state === 'FAILED');
  const score = perLevel.map(({ level, score: s }) => (s ? `${s.score} / ${s.evaluable}` : '–')).join(' · ');
  const buttons = perLevel.filter((p) => idle(p.states))
    .map((p) => `<button data-action="start" data-level="${p.level.field}">Run ${text(p.level.chapterTitle.replace(/ analysis$/, ''))}</button>`).join('');
  return `<tr data-id="${map.id}">
    <td>${text(map.name)}${emdb}<small>${map.id.slice(0, 16)}…</small></td>
    <td>${d.x}×${d.y}×${d.z}</td><td>${fmt(v.x, 4)}</td><td>${threshold}</td><td>${fmt(map.reportedResolution)}</td>
    <td class="sections">${perLevel.map((p) => chips(p.level, p.states)).join('<br>')}</td>
    <td class="score">${score}</td>
    <td class="actions">${buttons}<a href="/maps/${map.id}/report.pdf" target="_blank" rel="noopener">PDF</a></td>
  </tr>`;
}

let timer = null;

async function refresh() {
  clearTimeout(timer);
  try {
    levels ??= (await gql(LAYOUT)).reportLayout;
    const maps = (await gql(MAPS)).mapList.edges.map((e) => e.node);
    const rows = await Promise.all(maps.map(async (map) => ({
      map,
      perLevel: await Promise.all(levels.filter((level) => hasInputs(map, level)).map(async (level) => {
        const states = await gql(STATUS(level), { id: map.id }).then((d) => d[`${level.field}Status`], () => null);
        const done = states?.length && states.every((s) => s.state === 'DONE');
        const score = done ? await gql(SCORE(level), { id: map.id }).then((d) => d.map[level.field].summary, () => null) : null;
        return { level, states, score };
      })),
    })));
    $('#maps tbody').innerHTML = rows.length
      ? rows.map((r) => row(r.map, r.perLevel)).join('')
      : '<tr><td colspan="8" class="muted">No map registered yet: upload one above, or run vrs validate on this database.</td></tr>';
    const busy = rows.some((r) => r.perLevel.some((p) => p.states?.some((s) => s.state === 'QUEUED' || s.state === 'RUNNING')));
    if (busy) timer = setTimeout(refresh, 2000);
  } catch (error) {
    say(`Could not list the maps: ${error.message}`, true);
  }
}

$('#maps').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action="start"]');
  if (!button) return;
  const id = button.closest('tr').dataset.id;
  const level = levels.find((l) => l.field === button.dataset.level);
  const name = level.chapterTitle.replace(/ analysis$/, '');
  button.disabled = true;
  try {
    await gql(START(level), { id });
    say(`${name} started.`);
  } catch (error) {
    say(`Could not start ${name}: ${error.message}`, true);
  }
  await refresh();
});

$('#upload').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const file = form.file.files[0];
  if (!file) return;
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    say(`Uploading ${file.name} (${(file.size / 2 ** 20).toFixed(1)} MB)…`);
    const put = await fetch(`/maps/${encodeURIComponent(file.name)}`, { method: 'PUT', body: file });
    const staged = await put.json();
    if (!put.ok) throw new Error(`${codeOf({ extensions: staged.error })}${staged.error?.message ?? put.statusText}`);
    const input = { uploadId: staged.id };
    if (form.contourLevel.value !== '') input.contourLevel = Number(form.contourLevel.value);
    if (form.reportedResolution.value !== '') input.reportedResolution = Number(form.reportedResolution.value);
    const { registerMap } = await gql(REGISTER, { input });
    say(`Registered ${registerMap.name}.`);
    form.reset();
  } catch (error) {
    say(`Could not register the map: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
  await refresh();
});

refresh();
