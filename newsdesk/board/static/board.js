// The live board: newest alerts first, filters by party, metric and kind, new alerts
// streamed in over Server-Sent Events without a reload.
import { el, insertCard, renderCard, setStatus } from './dom.js';

const FILTERS = ['party', 'metric', 'kind'];
const form = document.getElementById('filters');
const container = document.getElementById('alerts');
const empty = document.getElementById('empty');
const count = document.getElementById('count');
const state = { source: null, seen: new Set(), parties: new Set() };

function filters() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) params.set(name, value);
  }
  return params;
}

function addOption(select, value) {
  for (const option of select.options) if (option.value === value) return;
  const option = el('option', null, value);
  option.value = value;
  select.append(option);
}

async function loadFacets() {
  const initial = new URLSearchParams(location.search);
  const response = await fetch('/api/facets');
  const facets = await response.json();
  for (const party of facets.parties) addParty(party);
  for (const metric of facets.metrics) addOption(form.elements.metric, metric);
  for (const kind of facets.kinds) addOption(form.elements.kind, kind);
  for (const name of FILTERS) {
    const value = initial.get(name);
    if (value) {
      if (name === 'party') addParty(value);
      form.elements[name].value = value;
    }
  }
}

function addParty(party) {
  if (!party || state.parties.has(party)) return;
  state.parties.add(party);
  addOption(form.elements.party, party);
}

function add(card) {
  if (state.seen.has(card.id)) return;
  state.seen.add(card.id);
  addParty(card.party);
  insertCard(container, renderCard(card), card.order);
  showCount();
}

function showCount() {
  empty.hidden = state.seen.size > 0;
  count.textContent = state.seen.size === 1 ? '1 alert' : `${state.seen.size} alerts`;
}

async function load() {
  const params = filters();
  const query = params.toString();
  history.replaceState(null, '', query ? `/?${query}` : '/');
  const response = await fetch(`/api/alerts?${query}`);
  const data = await response.json();
  container.replaceChildren();
  state.seen.clear();
  for (const card of data.alerts) add(card);
  showCount();
  connect(params, data.last_seq);
}

function connect(params, since) {
  if (state.source) state.source.close();
  const stream = new URLSearchParams(params);
  stream.set('since', String(since));
  const source = new EventSource(`/api/stream?${stream}`);
  state.source = source;
  source.addEventListener('open', () => setStatus('live', 'live'));
  source.addEventListener('error', () => setStatus('reconnecting', 'reconnecting…'));
  source.addEventListener('alert', (event) => add(JSON.parse(event.data)));
}

form.addEventListener('change', () => load());
form.addEventListener('submit', (event) => event.preventDefault());
document.getElementById('clear').addEventListener('click', () => {
  for (const name of FILTERS) form.elements[name].value = '';
  load();
});

loadFacets().then(load).catch((error) => setStatus('error', `error: ${error.message}`));
