// The dashboard page: one self-contained document (no external assets), drawn by its own small
// script from the event stream. Everything from the store (bodies, statuses, claims) is untrusted
// text and only ever reaches the page through textContent, never as HTML. The only value put into
// this template is the CSP nonce, which the server makes (hex).
import { HISTORY_LIMIT } from './feed.ts';

const STYLE = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fafafa; --muted: #6e6e73; --line: #d9d9de; --card: #fff;
  --busy: #b45309; --idle: #15803d; --error: #b91c1c; --ok: #15803d; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #18181b; --muted: #a1a1aa; --line: #3f3f46; --card: #202024;
  --busy: #f59e0b; --idle: #4ade80; --error: #f87171; --ok: #4ade80; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 1em; padding: .6em 1em; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.1em; margin: 0; }
h2 { font-size: 1em; margin: 0 0 .4em; }
main { padding: .8em 1em; display: grid; gap: 1.2em; max-width: 1200px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
tr.dead td { color: var(--muted); opacity: .55; }
.activity-busy { color: var(--busy); } .activity-idle { color: var(--idle); } .activity-unknown, .activity-dead { color: var(--muted); }
ul.claims { margin: 0; padding: 0; list-style: none; }
.muted, .empty { color: var(--muted); }
#messages { list-style: none; margin: 0; padding: 0; max-height: 55vh; overflow-y: auto; border: 1px solid var(--line); background: var(--card); }
#messages li { padding: .4em .6em; border-bottom: 1px solid var(--line); }
#messages .head { color: var(--muted); display: flex; flex-wrap: wrap; gap: .5em; align-items: baseline; }
#messages .from { color: var(--fg); font-weight: 600; }
#messages .body { margin: .2em 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
#messages button.reply { font-size: 12px; padding: 0 .4em; }
#messages .id { font-size: 12px; opacity: .7; }
form { display: grid; gap: .5em; max-width: 720px; }
form label { display: grid; gap: .2em; }
input, textarea { font: inherit; padding: .35em .5em; border: 1px solid var(--line); border-radius: 4px; background: var(--card); color: var(--fg); }
textarea { min-height: 4.5em; resize: vertical; }
.row { display: flex; gap: .8em; align-items: center; flex-wrap: wrap; }
#send-result.ok { color: var(--ok); } #send-result.error { color: var(--error); }
#conn[data-state="live"] { color: var(--ok); } #conn[data-state="down"] { color: var(--error); }
`;

const SCRIPT = `
'use strict';
const $ = (id) => document.getElementById(id);
/** Every agent this page has seen, by code; one that leaves the list stays, marked dead. */
const agents = new Map();
const shownIds = new Set();
/** Keeps a page left open for days from growing without bound. */
const MAX_MESSAGES = 1000;
let replyTo = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function clock(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const time = d.toLocaleTimeString([], { hour12: false });
  return d.toDateString() === new Date().toDateString() ? time : d.toLocaleDateString() + ' ' + time;
}

function address(from) {
  return from.machine ? from.code + '@' + from.machine : from.code;
}

function who(from) {
  return from.name ? address(from) + ' (' + from.name + ')' : address(from);
}

/** A local agent by its code, another machine's by code@machine (codes are unique per machine). */
function agentKey(a) {
  return a.remote ? a.code + '@' + a.machine : a.code;
}

function recipients(m) {
  const list = m.to.join(', ');
  if (m.scope === 'project') return 'all@' + m.project + ' (' + list + ')';
  if (m.scope === 'everyone') return '* (' + list + ')';
  return list;
}

function setConn(state, text) {
  const conn = $('conn');
  conn.dataset.state = state;
  conn.textContent = text;
}

function activityCell(view, dead) {
  const known = ['busy', 'idle', 'unknown'];
  const state = dead ? 'dead' : known.includes(view.activity) ? view.activity : 'unknown';
  return el('td', 'activity activity-' + state, state);
}

function claimsCell(claims) {
  const td = el('td', 'claims');
  if (!Array.isArray(claims) || claims.length === 0) return td;
  const ul = el('ul', 'claims');
  for (const c of claims) {
    const li = el('li');
    li.append(el('code', 'pattern', c.pattern));
    if (c.reason) li.append(' ', el('span', 'reason', c.reason));
    if (c.expires_at) li.append(' ', el('span', 'muted', 'until ' + clock(c.expires_at)));
    ul.append(li);
  }
  td.append(ul);
  return td;
}

function agentRow(entry) {
  const a = entry.view;
  const tr = el('tr', entry.dead ? 'agent dead' : 'agent');
  tr.dataset.code = agentKey(a);
  if (entry.dead) tr.title = 'gone since ' + clock(entry.goneAt);
  tr.append(
    el('td', 'code mono', a.code),
    el('td', 'machine mono', a.machine || ''),
    el('td', 'name', a.name || ''),
    el('td', 'project', a.project),
    activityCell(a, entry.dead),
    el('td', 'status', a.status || ''),
    el('td', 'since', clock(a.since)),
    claimsCell(a.claims),
  );
  return tr;
}

function renderAgents(list) {
  const live = new Set(list.map(agentKey));
  for (const a of list) agents.set(agentKey(a), { view: a, dead: false });
  const now = new Date().toISOString();
  for (const entry of agents.values()) {
    if (!live.has(agentKey(entry.view)) && !entry.dead) Object.assign(entry, { dead: true, goneAt: now });
  }
  const rows = [...agents.values()].sort((x, y) =>
    Number(x.dead) - Number(y.dead) || x.view.project.localeCompare(y.view.project) || (x.view.registered_at ?? x.view.since).localeCompare(y.view.registered_at ?? y.view.since));
  $('agents').tBodies[0].replaceChildren(...rows.map(agentRow));
  $('no-agents').hidden = rows.length > 0;
  $('agent-count').textContent = list.length + ' live' + (rows.length > list.length ? ', ' + (rows.length - list.length) + ' gone' : '');
  const options = ['*'];
  for (const a of list) options.push(agentKey(a), ...(a.name ? [a.name] : []));
  $('recipients').replaceChildren(...options.map((value) => { const o = el('option'); o.value = value; return o; }));
}

function messageItem(m) {
  const li = el('li', 'message');
  li.dataset.id = m.id;
  const head = el('div', 'head');
  const time = el('time', 'time', clock(m.created_at));
  time.dateTime = m.created_at;
  head.append(time, el('span', 'from mono', m.machine ? who({ ...m.from, machine: m.machine }) : who(m.from)), el('span', 'arrow', '→'), el('span', 'to mono', recipients(m)));
  if (m.reply_to) head.append(el('span', 're mono', 're ' + m.reply_to));
  if (m.thread && m.thread !== m.id && m.thread !== m.reply_to) head.append(el('span', 'thread mono', 'thread ' + m.thread));
  head.append(el('span', 'id mono', 'id ' + m.id));
  // A feed entry (sent between other machines) has no text here, and is not for us to answer.
  if (m.body !== undefined && m.from.code !== 'human') {
    const button = el('button', 'reply', 'reply');
    button.type = 'button';
    button.addEventListener('click', () => startReply(m));
    head.append(button);
  }
  li.append(head, m.body !== undefined ? el('pre', 'body', m.body) : el('p', 'body muted', m.chars + ' characters, sent on ' + m.machine + ': the text stays on the machines it was sent between'));
  return li;
}

/** Adds a message once, in id (= time) order, newest at the bottom; follows the bottom if the reader is there. */
function addMessage(m) {
  if (shownIds.has(m.id)) return;
  shownIds.add(m.id);
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const item = messageItem(m);
  let before = null;
  for (let node = list.lastElementChild; node && node.dataset.id > m.id; node = node.previousElementSibling) before = node;
  list.insertBefore(item, before);
  while (list.children.length > MAX_MESSAGES) {
    shownIds.delete(list.firstElementChild.dataset.id);
    list.firstElementChild.remove();
  }
  $('no-messages').hidden = true;
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function startReply(m) {
  replyTo = m.id;
  $('to').value = address(m.from);
  $('reply-id').textContent = m.id;
  $('replying').hidden = false;
  $('body').focus();
}

function clearReply() {
  replyTo = null;
  $('replying').hidden = true;
}

function setResult(text, kind) {
  const out = $('send-result');
  out.className = kind;
  out.textContent = text;
}

async function send(event) {
  event.preventDefault();
  const payload = { to: $('to').value.trim(), body: $('body').value };
  if (replyTo) payload.reply_to = replyTo;
  $('send').disabled = true;
  setResult('sending…', '');
  try {
    const response = await fetch('send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
      cache: 'no-store',
      credentials: 'omit',
    });
    let result;
    try {
      result = await response.json();
    } catch (error) {
      result = { ok: false, error: 'the dashboard answered ' + response.status + ' without a result; is intercom dashboard still running?' };
    }
    if (result.ok) {
      const how = (result.delivery || []).map((d) => d.to + ': ' + d.note).join('; ');
      setResult('sent ' + result.id + (how ? ' (' + how + ')' : ''), 'ok');
      $('body').value = '';
      clearReply();
    } else {
      setResult(result.error || 'not sent (no reason given)', 'error');
    }
  } catch (error) {
    setResult('could not reach the dashboard (' + error.message + '); is intercom dashboard still running?', 'error');
  } finally {
    $('send').disabled = false;
  }
}

function connect() {
  const source = new EventSource('events');
  source.addEventListener('open', () => setConn('live', 'live'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setConn('down', 'disconnected: the dashboard stopped; run intercom dashboard again and open the new URL it prints');
    } else {
      setConn('reconnecting', 'reconnecting…');
    }
  });
  source.addEventListener('agents', (e) => renderAgents(JSON.parse(e.data)));
  source.addEventListener('history', (e) => JSON.parse(e.data).forEach(addMessage));
  source.addEventListener('message', (e) => addMessage(JSON.parse(e.data)));
}

$('send-form').addEventListener('submit', send);
$('cancel-reply').addEventListener('click', clearReply);
$('body').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('send-form').requestSubmit();
});
connect();
`;

export function dashboardPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>intercom dashboard</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1>intercom</h1><span id="conn" data-state="connecting" role="status">connecting…</span></header>
<main>
<section aria-labelledby="agents-title">
<h2 id="agents-title">Agents <span id="agent-count" class="muted"></span></h2>
<table id="agents">
<thead><tr><th>code</th><th>machine</th><th>name</th><th>project</th><th>activity</th><th>status</th><th>since</th><th>claims</th></tr></thead>
<tbody></tbody>
</table>
<p id="no-agents" class="empty">No live agent yet: a Claude Code session with intercom shows up here.</p>
</section>
<section aria-labelledby="messages-title">
<h2 id="messages-title">Messages <span class="muted">(the last ${HISTORY_LIMIT} of the past day, then live; newest at the bottom)</span></h2>
<ol id="messages" aria-live="polite"></ol>
<p id="no-messages" class="empty">No messages yet.</p>
</section>
<section aria-labelledby="send-title">
<h2 id="send-title">Send as human</h2>
<form id="send-form" autocomplete="off">
<label>to <input id="to" name="to" list="recipients" required placeholder="agent code or name, several codes with commas, * (every live agent), or a session id"></label>
<datalist id="recipients"></datalist>
<p id="replying" class="muted" hidden>replying to <code id="reply-id"></code> <button type="button" id="cancel-reply">cancel</button></p>
<label>message <textarea id="body" name="body" required placeholder="Ctrl+Enter sends"></textarea></label>
<div class="row"><button type="submit" id="send">Send</button><output id="send-result" role="status"></output></div>
</form>
</section>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
