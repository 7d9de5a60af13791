// One figure's page: its timeline chart and its alerts, redrawn when a new alert lands.
import { drawTimeline } from './chart.js';
import { insertCard, renderCard, setStatus } from './dom.js';

const key = decodeURIComponent(location.pathname.replace(/^\/figures\//, ''));
const chart = document.getElementById('chart');
const container = document.getElementById('alerts');
const empty = document.getElementById('empty');
let source = null;

async function load() {
  const response = await fetch(`/api/figures/${encodeURIComponent(key)}`);
  if (response.status === 404) {
    empty.hidden = false;
    chart.replaceChildren();
    return 0;
  }
  const page = await response.json();
  const f = page.figure;
  const title = `${f.party} · ${f.subject} ${f.metric}`;
  document.title = `newsdesk · ${title}`;
  document.getElementById('figure-title').textContent = title;
  document.getElementById('figure-heading').textContent = `Timeline: ${title}`;
  chart.replaceChildren(drawTimeline(page.timeline, title));
  container.replaceChildren();
  for (const card of page.alerts) insertCard(container, renderCard(card, { figureLink: false }), card.order);
  empty.hidden = true;
  return page.last_seq;
}

function connect(since) {
  const params = new URLSearchParams({ figure: key, since: String(since) });
  source = new EventSource(`/api/stream?${params}`);
  source.addEventListener('open', () => setStatus('live', 'live'));
  source.addEventListener('error', () => setStatus('reconnecting', 'reconnecting…'));
  source.addEventListener('alert', () => load());
}

load().then(connect).catch((error) => setStatus('error', `error: ${error.message}`));
