// DOM helpers for the board. Every string from the server came from a news feed and is
// untrusted: it only ever reaches the page through textContent or setAttribute, never as
// markup, and only http(s) URLs become links.

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function safeHref(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function link(url, text, className) {
  const href = safeHref(url);
  if (!href) return el('span', className, text);
  const a = el('a', className, text);
  a.setAttribute('href', href);
  a.setAttribute('rel', 'noopener noreferrer nofollow');
  a.setAttribute('target', '_blank');
  return a;
}

export function figureHref(figureKey) {
  return '/figures/' + encodeURIComponent(figureKey);
}

export function day(iso) {
  return typeof iso === 'string' && iso.length >= 10 ? iso.slice(0, 10) : 'date unknown';
}

// The evidence sentence as text nodes, the number wrapped in <mark>.
export function highlighted(sentence, span) {
  const quote = el('blockquote', 'evidence');
  const text = String(sentence || '');
  if (Array.isArray(span) && span.length === 2 && 0 <= span[0] && span[0] < span[1] && span[1] <= text.length) {
    quote.append(document.createTextNode(text.slice(0, span[0])));
    quote.append(el('mark', null, text.slice(span[0], span[1])));
    quote.append(document.createTextNode(text.slice(span[1])));
  } else {
    quote.textContent = text;
  }
  return quote;
}

function sourceLine(prefix, figure) {
  const parts = [figure.source || 'source unknown'];
  if (figure.outlet) parts.push(figure.outlet);
  parts.push(day(figure.published));
  return el('p', 'source', prefix + parts.join(' · '));
}

export function renderCard(card, options = {}) {
  const node = el('article', `card kind-${safeToken(card.kind)} severity-${safeToken(card.severity)}`);
  node.dataset.id = String(card.id);
  node.dataset.figure = String(card.figure_key);
  node.dataset.seq = String(card.seq);

  const head = el('header', 'card-head');
  head.append(el('span', 'kind', String(card.kind || '').toUpperCase()));
  head.append(el('span', 'severity', card.severity));
  head.append(el('span', 'party', card.party));
  head.append(el('span', 'metric', `${card.subject || ''} ${card.metric || ''}`.trim()));
  head.append(el('time', 'published', day(card.current && card.current.published)));
  node.append(head);

  const change = el('p', 'change');
  if (card.previous) {
    change.append(el('span', 'previous', card.previous.text), el('span', 'arrow', ' → '));
  } else {
    change.append(el('span', 'first', 'first official figure: '));
  }
  change.append(el('span', 'current', card.current ? card.current.text : '?'));
  node.append(change);

  node.append(highlighted(card.sentence, card.highlight));
  if (card.current) {
    const line = sourceLine('', card.current);
    if (safeHref(card.url)) {
      line.append(document.createTextNode(' · '));
      line.append(link(card.url, 'article', 'article-link'));
    }
    node.append(line);
  }
  if (card.previous) node.append(sourceLine(`previously ${card.previous.text}: `, card.previous));

  if (Array.isArray(card.context) && card.context.length) {
    const list = el('ul', 'context');
    for (const item of card.context) {
      const li = el('li', 'context-item');
      li.append(el('span', 'context-source', item.source || item.outlet || 'unattributed'));
      li.append(document.createTextNode(` ${item.stance || ''} `));
      li.append(el('span', 'context-figure', item.text));
      if (item.ratio) li.append(el('span', 'ratio', ` (${item.ratio})`));
      li.append(document.createTextNode(` · ${day(item.published)} `));
      if (safeHref(item.url)) li.append(link(item.url, 'source', 'context-link'));
      list.append(li);
    }
    node.append(el('p', 'context-title', 'Beside it:'), list);
  }
  if (options.figureLink !== false) {
    const a = el('a', 'figure-link', 'figure timeline →');
    a.setAttribute('href', figureHref(String(card.figure_key)));
    node.append(a);
  }
  return node;
}

// Newest first: a card goes before the first card with an older order ([broker time, seq]).
export function insertCard(container, node, order) {
  node.dataset.order = JSON.stringify(order);
  for (const other of container.children) {
    if (compareOrder(JSON.parse(other.dataset.order || '[0,0]'), order) < 0) {
      container.insertBefore(node, other);
      return;
    }
  }
  container.append(node);
}

function compareOrder(a, b) {
  return a[0] - b[0] || a[1] - b[1];
}

function safeToken(value) {
  return String(value || 'unknown').replace(/[^a-z0-9-]/gi, '');
}

export function setStatus(state, text) {
  const status = document.getElementById('status');
  status.dataset.state = state;
  status.textContent = text;
  document.body.dataset.stream = state;
}
