// The dashboard: a page over the public GraphQL API (no other back door). Lists the registered
// maps with the state of each Level 0 section, starts the analyses, links the PDF reports, and
// registers uploaded maps. Polls every 2 s while a section is queued or running.
const SECTIONS = [
  ['inputData', 'in'], ['mass', '0.a'], ['mask', '0.b'], ['background', '0.c'], ['bFactor', '0.d'],
  ['localResolution', '0.e'], ['localBFactor', '0.f'], ['localOccupancy', '0.g'], ['hand', '0.h'],
];
const MAPS = `{ mapList(first: 100) { edges { node { id name dimensions { x y z } voxelSize { x y z }
  contourLevel contourSource reportedResolution emdb { id title } } } } }`;
const STATUS = `query($id: ID!) { level0Status(mapId: $id) { section state computeMillis error { code message } } }`;
const SCORE = `query($id: ID!) { map(id: $id) { level0 { summary { score evaluable } } } }`;
const START = `mutation($id: ID!) { startLevel0(mapId: $id) { section state } }`;
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

function chips(states) {
  if (!states) return '<span class="muted">…</span>';
  const bySection = new Map(states.map((s) => [s.section, s]));
  return SECTIONS.map(([field, label]) => {
    const s = bySection.get(field);
    const state = s?.state ?? 'NOT_STARTED';
    const tip = s?.error ? `${s.error.code}: ${s.error.message}` : s?.computeMillis != null ? `${field}: ${(s.computeMillis / 1000).toFixed(2)} s` : `${field}: ${state.toLowerCase().replace('_', ' ')}`;
    return `<span class="chip ${state}" data-section="${field}" title="${text(tip)}">${label}</span>`;
  }).join('');
}

function row(map, states, score) {
  const d = map.dimensions, v = map.voxelSize;
  const emdb = map.emdb?.id ? ` · ${text(map.emdb.id)}${map.emdb.title ? ` — ${text(map.emdb.title)}` : ''}` : '';
  const threshold = map.contourLevel == null ? '<span class="muted">estimated</span>' : `${fmt(map.contourLevel, 4)} <small>${text(map.contourSource ?? '')}</small>`;
  const idle = !states || states.every((s) => s.state === 'NOT_STARTED' || s.state === 'FAILED');
  return `<tr data-id="${map.id}">
    <td>${text(map.name)}${emdb}<small>${map.id.slice(0, 16)}…</small></td>
    <td>${d.x}×${d.y}×${d.z}</td><td>${fmt(v.x, 4)}</td><td>${threshold}</td><td>${fmt(map.reportedResolution)}</td>
    <td class="sections">${chips(states)}</td>
    <td class="score">${score ? `${score.score} / ${score.evaluable}` : '–'}</td>
    <td class="actions">${idle ? '<button data-action="start">Run Level 0</button>' : ''}<a href="/maps/${map.id}/report.pdf" target="_blank" rel="noopener">PDF</a></td>
  </tr>`;
}

let timer = null;

async function refresh() {
  clearTimeout(timer);
  try {
    const maps = (await gql(MAPS)).mapList.edges.map((e) => e.node);
    const rows = await Promise.all(maps.map(async (map) => {
      const states = await gql(STATUS, { id: map.id }).then((d) => d.level0Status, () => null);
      const done = states?.length && states.every((s) => s.state === 'DONE');
      const score = done ? await gql(SCORE, { id: map.id }).then((d) => d.map.level0.summary, () => null) : null;
      return { map, states, score };
    }));
    $('#maps tbody').innerHTML = rows.length
      ? rows.map((r) => row(r.map, r.states, r.score)).join('')
      : '<tr><td colspan="8" class="muted">No map registered yet: upload one above, or run vrs validate on this database.</td></tr>';
    const busy = rows.some((r) => r.states?.some((s) => s.state === 'QUEUED' || s.state === 'RUNNING'));
    if (busy) timer = setTimeout(refresh, 2000);
  } catch (error) {
    say(`Could not list the maps: ${error.message}`, true);
  }
}

$('#maps').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action="start"]');
  if (!button) return;
  const id = button.closest('tr').dataset.id;
  button.disabled = true;
  try {
    await gql(START, { id });
    say('Level 0 started.');
  } catch (error) {
    say(`Could not start Level 0: ${error.message}`, true);
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
