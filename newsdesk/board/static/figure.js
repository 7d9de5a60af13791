// One figure's page: its timeline chart (the figure's history from the figure table, else from
// its alerts) and its alerts, redrawn when a new alert lands or the figure's state changes.
import { drawTimeline } from './chart.js';
import { insertCard, renderCard, setStatus } from './dom.js';

const key = decodeURIComponent(location.pathname.replace(/^\/figures\//, ''));
const chart = document.getElementById('chart');
const container = document.getElementById('alerts');
const empty = document.getElementById('empty');
const noAlerts = document.getElementById('no-alerts');
let source = null;
let loading = null;
let again = false;

// One fetch at a time; events that land meanwhile make one more fetch after it.
function reload() {
  if (loading) {
    again = true;
    return;
  }
  loading = load()
    .catch((error) => setStatus('error', `error: ${error.message}`))
    .finally(() => {
      loading = null;
      if (again) {
        again = false;
        reload();
      }
    });
}

async function load() {
  const response = await fetch(`/api/figures/${encodeURIComponent(key)}`);
  if (response.status === 404) {
    empty.hidden = false;
    noAlerts.hidden = true;
    chart.replaceChildren();
    return 0;
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const page = await response.json();
  const f = page.figure;
  const title = `${f.party} · ${f.subject} ${f.metric}`;
  document.title = `newsdesk · ${title}`;
  document.getElementById('figure-title').textContent = title;
  document.getElementById('figure-heading').textContent = `Timeline: ${title}`;
  chart.replaceChildren(drawTimeline(page.timeline, title));
  container.replaceChildren();
  for (const card of page.alerts) insertCard(container, renderCard(card, { figureLink: false }), card.order);
  document.body.dataset.history = page.history;
  empty.hidden = true;
  noAlerts.hidden = page.alerts.length > 0;
  return page.last_seq;
}

function connect(since) {
  const params = new URLSearchParams({ figure: key, since: String(since) });
  source = new EventSource(`/api/stream?${params}`);
  source.addEventListener('open', () => setStatus('live', 'live'));
  source.addEventListener('error', () => setStatus('reconnecting', 'reconnecting…'));
  source.addEventListener('alert', reload);
  source.addEventListener('figure', reload);
}

load().then(connect).catch((error) => setStatus('error', `error: ${error.message}`));
