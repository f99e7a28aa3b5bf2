// The dashboard: learns where the endpoint is from ./config, then polls it and draws the
// overview (#/) or one worker (#/worker/<name>). Everything shown comes from the endpoint, so
// its access and show-values rules are the dashboard's.
import { getJson, postAction, time, uptime, lastExit, simpleName } from './api.js';
import { Detail } from './detail.js';

const STATES = ['RUNNING', 'STARTING', 'BACKOFF', 'STOPPING', 'STOPPED', 'EXITED', 'FATAL', 'STANDBY'];
const ACTIONS = ['start', 'stop', 'restart'];
const PAGE_SIZE = 100;

const $ = (id) => document.getElementById(id);

const dashboard = {
  config: null,
  timer: null,
  lastSuccess: 0,
  overview: null,
  detail: null
};

/** How long one request may take before the application counts as unreachable. */
function timeoutMillis() {
  return Math.max(5000, 3 * dashboard.config.refreshMillis);
}

async function start() {
  try {
    dashboard.config = await getJson('config', 5000);
  } catch (error) {
    unreachable(error);
    setTimeout(start, 2000);
    return;
  }
  const config = dashboard.config;
  if (!config.endpoint) {
    showProblem(config.problem);
    $('status').textContent = '';
    return;
  }
  const act = (name, action) => perform(name, action);
  dashboard.overview = new Overview(config.writable, act);
  dashboard.detail = new Detail(config, act);
  window.addEventListener('hashchange', () => refreshNow());
  refreshNow();
}

function refreshNow() {
  clearTimeout(dashboard.timer);
  tick();
}

/** One refresh; the next is scheduled only when this one ends, so slow answers never pile up. */
async function tick() {
  const route = currentRoute();
  $('overview').hidden = route.name !== null;
  $('detail').hidden = route.name === null;
  try {
    if (route.name === null) {
      const started = performance.now();
      const data = await getJson(dashboard.config.endpoint, timeoutMillis());
      dashboard.overview.render(data);
      // Read by the browser tests, and by anyone curious: one refresh, from request to table.
      document.body.dataset.refreshMillis = String(Math.round(performance.now() - started));
      reachable(countText(data));
    } else {
      const worker = await getJson(dashboard.config.endpoint + '/' + encodeURIComponent(route.name), timeoutMillis());
      dashboard.detail.render(worker);
      reachable('');
    }
    showProblem(null);
  } catch (error) {
    if (error.status === 404 && route.name !== null) {
      showProblem('There is no worker named \'' + route.name + '\' (any more).');
      reachable('');
    } else if (error.status === 401 || error.status === 403) {
      showProblem('Not allowed to read the supervisor endpoint: ' + error.message);
      reachable('');
    } else {
      unreachable(error);
    }
  } finally {
    dashboard.timer = setTimeout(tick, dashboard.config.refreshMillis);
  }
}

function currentRoute() {
  const match = /^#\/worker\/(.+)$/.exec(location.hash);
  return { name: match ? decodeURIComponent(match[1]) : null };
}

async function perform(name, action) {
  try {
    await postAction(dashboard.config.endpoint, name, action, timeoutMillis());
    showMessage(null);
  } catch (error) {
    showMessage(error.status === 0 ? action + ' ' + name + ' failed: ' + error.message : error.message);
  }
  refreshNow();
}

function countText(data) {
  const workers = data.workers || [];
  const groups = data.groups || [];
  return workers.length + (workers.length === 1 ? ' worker' : ' workers')
      + (groups.length ? ', ' + groups.length + (groups.length === 1 ? ' group' : ' groups') : '');
}

function reachable(summary) {
  dashboard.lastSuccess = Date.now();
  document.body.classList.remove('stale');
  const status = $('status');
  status.classList.remove('unreachable');
  status.textContent = 'Updated ' + time(dashboard.lastSuccess) + (summary ? ' · ' + summary : '');
}

function unreachable(error) {
  document.body.classList.add('stale');
  const status = $('status');
  status.classList.add('unreachable');
  const since = dashboard.lastSuccess ? ' since ' + time(dashboard.lastSuccess) : '';
  status.textContent = 'Unreachable' + since + ': ' + error.message;
}

function showProblem(text) {
  $('problem').hidden = !text;
  $('problem').textContent = text || '';
}

function showMessage(text) {
  $('message').hidden = !text;
  $('message').textContent = text || '';
}

/**
 * The table of every worker, process and group. Only one page of rows exists in the page at a
 * time and rows are updated in place, so 10,000 workers cost one page of DOM and a button is
 * never replaced under the pointer by the next refresh.
 */
class Overview {

  constructor(writable, act) {
    this.writable = writable;
    this.act = act;
    this.data = { workers: [] };
    this.filter = '';
    this.states = new Set();
    this.expanded = new Set();
    this.page = 0;
    this.columns = null;
    this.rows = [];
    this.chips = new Map();
    $('filter').addEventListener('input', (event) => {
      this.filter = event.target.value.trim().toLowerCase();
      this.page = 0;
      this.draw();
    });
    $('previous').addEventListener('click', () => { this.page--; this.draw(); });
    $('next').addEventListener('click', () => { this.page++; this.draw(); });
    for (const state of STATES) {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.dataset.state = state;
      chip.setAttribute('aria-pressed', 'false');
      chip.addEventListener('click', () => {
        if (this.states.has(state)) {
          this.states.delete(state);
        } else {
          this.states.add(state);
        }
        chip.setAttribute('aria-pressed', String(this.states.has(state)));
        this.page = 0;
        this.draw();
      });
      $('state-filters').appendChild(chip);
      this.chips.set(state, chip);
    }
  }

  render(data) {
    const started = performance.now();
    this.data = { workers: data.workers || [], groups: Array.isArray(data.groups) ? data.groups : null };
    this.draw();
    // Read by the browser tests: drawing one answer, without the request.
    document.body.dataset.renderMillis = String(Math.round(performance.now() - started));
  }

  draw() {
    const workers = this.data.workers;
    this.countStates(workers);
    this.ensureColumns(workers.some((worker) => worker.singleton === true));
    const items = this.items();
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    this.page = Math.min(Math.max(0, this.page), pages - 1);
    const slice = items.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
    const body = $('workers').tBodies[0];
    while (this.rows.length < slice.length) {
      this.rows.push(this.createRow(body));
    }
    this.rows.forEach((row, index) => {
      row.hidden = index >= slice.length;
      if (!row.hidden) {
        this.fill(row, slice[index]);
      }
    });
    $('empty').hidden = items.length > 0;
    $('page-info').textContent = items.length
        ? (this.page * PAGE_SIZE + 1) + '–' + (this.page * PAGE_SIZE + slice.length) + ' of ' + items.length
          + ' (page ' + (this.page + 1) + ' of ' + pages + ')'
        : '';
    $('previous').disabled = this.page === 0;
    $('next').disabled = this.page >= pages - 1;
  }

  countStates(workers) {
    const counts = new Map(STATES.map((state) => [state, 0]));
    for (const worker of workers) {
      counts.set(worker.state, (counts.get(worker.state) || 0) + 1);
    }
    for (const [state, chip] of this.chips) {
      chip.textContent = state + ' ' + counts.get(state);
      chip.hidden = counts.get(state) === 0 && !this.states.has(state);
    }
  }

  /** The rows to show, in order: groups (folded unless opened or filtered) then lone workers. */
  items() {
    const matches = (worker) => (this.states.size === 0 || this.states.has(worker.state))
        && (!this.filter || searchText(worker).includes(this.filter));
    const workers = this.data.workers;
    if (!this.data.groups) {
      const items = [];
      for (const worker of workers) {
        if (matches(worker)) {
          items.push({ worker });
        }
      }
      return items;
    }
    const byName = new Map(workers.map((worker) => [worker.name, worker]));
    const grouped = new Set();
    const items = [];
    for (const group of this.data.groups) {
      const members = (group.members || []).map((name) => byName.get(name)).filter(Boolean);
      members.forEach((member) => grouped.add(member.name));
      const shown = members.filter(matches);
      if (shown.length === 0 && !matches(group)) {
        continue;
      }
      const open = this.expanded.has(group.name) || this.filter !== '' || this.states.size > 0;
      items.push({ group, open, size: members.length });
      if (open) {
        shown.forEach((worker) => items.push({ worker, member: true }));
      }
    }
    for (const worker of workers) {
      if (!grouped.has(worker.name) && matches(worker)) {
        items.push({ worker });
      }
    }
    return items;
  }

  ensureColumns(leader) {
    const columns = ['name', 'type', 'state', 'restarts', 'uptime', 'exit'];
    if (leader) {
      columns.push('leader');
    }
    if (this.writable) {
      columns.push('actions');
    }
    if (this.columns && this.columns.join() === columns.join()) {
      return;
    }
    this.columns = columns;
    const titles = { name: 'Name', type: 'Type', state: 'State', restarts: 'Restarts', uptime: 'Uptime',
      exit: 'Last exit', leader: 'Leader', actions: 'Actions' };
    const head = $('workers').tHead;
    head.replaceChildren();
    const row = head.insertRow();
    for (const column of columns) {
      const cell = document.createElement('th');
      cell.className = column;
      cell.textContent = titles[column];
      row.appendChild(cell);
    }
    this.rows.forEach((existing) => existing.remove());
    this.rows = [];
  }

  createRow(body) {
    const row = body.insertRow();
    const cells = {};
    for (const column of this.columns) {
      cells[column] = row.insertCell();
      cells[column].className = column;
    }
    const link = document.createElement('a');
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.addEventListener('click', () => {
      const name = row.dataset.group;
      if (this.expanded.has(name)) {
        this.expanded.delete(name);
      } else {
        this.expanded.add(name);
      }
      this.draw();
    });
    const badge = document.createElement('span');
    cells.state.appendChild(badge);
    if (cells.actions) {
      for (const action of ACTIONS) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = action;
        button.dataset.action = action;
        button.addEventListener('click', () => this.act(row.dataset.worker || row.dataset.group, action));
        cells.actions.appendChild(button);
      }
    }
    row.parts = { cells, link, toggle, badge };
    return row;
  }

  fill(row, item) {
    const { cells, link, toggle, badge } = row.parts;
    const subject = item.worker || item.group;
    if (item.group) {
      delete row.dataset.worker;
      row.dataset.group = item.group.name;
      row.className = 'group';
      toggle.textContent = (item.open ? '▾ ' : '▸ ') + item.group.name;
      toggle.setAttribute('aria-expanded', String(item.open));
      cells.name.replaceChildren(toggle);
      cells.type.textContent = 'group (' + (item.group.strategy || '') + ', ' + item.size + ')';
      cells.uptime.textContent = '';
      cells.exit.textContent = '';
    } else {
      delete row.dataset.group;
      row.dataset.worker = subject.name;
      row.className = subject.type + (item.member ? ' member' : '');
      link.textContent = subject.name;
      link.href = '#/worker/' + encodeURIComponent(subject.name);
      if (cells.name.firstChild !== link) {
        cells.name.replaceChildren(link);
      }
      cells.type.textContent = subject.type || '';
      cells.uptime.textContent = uptime(subject);
      cells.exit.textContent = lastExit(subject.lastExit);
      cells.exit.title = subject.lastExit ? subject.lastExit.outcome + ' at ' + subject.lastExit.at : '';
    }
    badge.className = 'badge state-' + subject.state;
    badge.textContent = subject.state || '';
    cells.restarts.textContent = subject.restarts === undefined ? '' : String(subject.restarts);
    if (cells.leader) {
      cells.leader.textContent = subject.singleton === true ? (subject.leader ? 'leader' : 'standby') : '';
    }
  }

}

/** What the filter box searches: name, type, state, group, table and last exception. */
function searchText(worker) {
  if (worker.searchText === undefined) {
    worker.searchText = [worker.name, worker.type, worker.state, worker.group, worker.table, worker.strategy,
      worker.lastExit && simpleName(worker.lastExit.exception)].filter(Boolean).join(' ').toLowerCase();
  }
  return worker.searchText;
}

start();
