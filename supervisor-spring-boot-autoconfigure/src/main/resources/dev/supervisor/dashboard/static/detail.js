// One worker: its facts, its recent runs as an SVG timeline and a table, and for an OS process
// its output, following new lines.
import { serverNow, duration, isoDurationMillis, uptime, simpleName, time } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const HEIGHT = 64;
const ACTIONS = ['start', 'stop', 'restart'];

const $ = (id) => document.getElementById(id);

export class Detail {

  constructor(config, act) {
    this.config = config;
    this.act = act;
    this.name = null;
    this.lastLine = null;
  }

  render(worker) {
    if (worker.name !== this.name) {
      this.name = worker.name;
      this.lastLine = null;
      $('output').replaceChildren();
      this.drawActions(worker.name);
    }
    $('detail-name').textContent = worker.name;
    const badge = $('detail-state');
    badge.className = 'badge state-' + worker.state;
    badge.textContent = worker.state;
    this.drawFacts(worker);
    const runs = (worker.history || []).map((run) => ({
      ...run,
      start: Date.parse(run.startedAt),
      end: Date.parse(run.at)
    }));
    this.drawTimeline(worker, runs);
    this.drawRuns(runs);
    this.drawOutput(worker);
  }

  drawActions(name) {
    const actions = $('detail-actions');
    actions.replaceChildren();
    if (!this.config.writable) {
      return;
    }
    for (const action of ACTIONS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action;
      button.dataset.action = action;
      button.addEventListener('click', () => this.act(name, action));
      actions.appendChild(button);
    }
  }

  drawFacts(worker) {
    const facts = [
      ['Type', worker.type],
      ['Restart policy', worker.policy],
      ['Restarts', worker.restarts],
      ['Critical', worker.critical === undefined ? undefined : (worker.critical ? 'yes' : 'no')],
      ['Group', worker.group],
      ['Table', worker.table],
      ['Leader', worker.singleton === true ? (worker.leader ? 'leader on this instance' : 'standby') : undefined],
      ['Started', worker.startedAt ? new Date(worker.startedAt).toLocaleString() : undefined],
      ['Uptime', uptime(worker) || undefined],
      ['PID', worker.pid],
      ['Exit code', worker.exitCode],
      ['Signal', worker.signal]
    ];
    const shown = facts.filter(([, value]) => value !== undefined && value !== null && value !== '');
    const key = JSON.stringify(shown);
    if (key === this.factsKey) {
      return;
    }
    this.factsKey = key;
    const list = $('detail-facts');
    list.replaceChildren();
    for (const [label, value] of shown) {
      const term = document.createElement('dt');
      term.textContent = label;
      const description = document.createElement('dd');
      description.textContent = String(value);
      description.dataset.fact = label.toLowerCase().replace(/ /g, '-');
      list.append(term, description);
    }
  }

  /** Each run a bar from its start to its end, coloured by outcome; waits between runs dashed. */
  drawTimeline(worker, runs) {
    const svg = $('timeline');
    svg.replaceChildren();
    const now = serverNow();
    const current = (worker.state === 'RUNNING' || worker.state === 'STOPPING') && worker.startedAt
        && (runs.length === 0 || Date.parse(worker.startedAt) >= runs[runs.length - 1].end)
      ? Date.parse(worker.startedAt) : null;
    const waiting = worker.state === 'RUNNING' || worker.state === 'BACKOFF' || worker.state === 'STARTING'
        || worker.state === 'STOPPING';
    const starts = runs.map((run) => run.start).concat(current !== null ? [current] : []);
    if (starts.length === 0) {
      $('timeline-from').textContent = 'No run yet';
      $('timeline-to').textContent = '';
      return;
    }
    const from = Math.min(...starts);
    const lastEnd = runs.length ? runs[runs.length - 1].end : from;
    const to = Math.max(waiting ? now : lastEnd, lastEnd, from + 1);
    const span = to - from;
    const x = (millis) => ((millis - from) / span) * WIDTH * 0.98 + WIDTH * 0.01;
    let previousEnd = null;
    for (const run of runs) {
      if (previousEnd !== null && run.start > previousEnd) {
        svg.appendChild(gap(x(previousEnd), x(run.start), run.start - previousEnd));
      }
      svg.appendChild(bar(x(run.start), x(run.end), 'run run-' + run.outcome, run.attempt,
          'Attempt ' + run.attempt + ': ' + run.outcome + ' after ' + duration(run.end - run.start)
            + (run.exception ? ' (' + simpleName(run.exception) + (run.message ? ': ' + run.message : '') + ')' : '')));
      previousEnd = run.end;
    }
    if (current !== null) {
      if (previousEnd !== null && current > previousEnd) {
        svg.appendChild(gap(x(previousEnd), x(current), current - previousEnd));
      }
      svg.appendChild(bar(x(current), x(Math.max(now, current)), 'run run-running', runs.length ? runs[runs.length - 1].attempt + 1 : 0,
          'Running for ' + duration(now - current)));
    } else if (worker.state === 'BACKOFF' && previousEnd !== null) {
      svg.appendChild(gap(x(previousEnd), x(to), to - previousEnd));
    }
    $('timeline-from').textContent = time(from);
    $('timeline-to').textContent = time(to);
  }

  drawRuns(runs) {
    const body = $('runs').tBodies[0];
    body.replaceChildren();
    for (const run of runs.slice().reverse()) {
      const row = body.insertRow();
      row.dataset.outcome = run.outcome;
      const exception = run.exception ? simpleName(run.exception) + (run.message ? ': ' + run.message : '') : '';
      const cells = [String(run.attempt), new Date(run.start).toLocaleTimeString(),
        duration(isoDurationMillis(run.duration) || run.end - run.start), run.outcome, exception];
      for (const text of cells) {
        row.insertCell().textContent = text;
      }
      row.cells[4].className = 'exception';
      row.cells[4].title = run.exception || '';
    }
  }

  /** Appends only the lines after the last one shown, and keeps the view at the bottom if it was. */
  drawOutput(worker) {
    $('process').hidden = worker.type !== 'process';
    if (worker.type !== 'process') {
      return;
    }
    const note = $('output-note');
    const output = $('output');
    if (!Array.isArray(worker.output)) {
      note.hidden = false;
      note.textContent = 'Output is not shown: the endpoint shows it only where '
          + 'management.endpoint.supervisor.show-values allows.';
      output.hidden = true;
      return;
    }
    note.hidden = worker.output.length > 0;
    note.textContent = 'No output yet.';
    output.hidden = false;
    const lines = worker.output;
    let first = 0;
    if (this.lastLine !== null) {
      const index = lastIndexOf(lines, this.lastLine);
      if (index >= 0) {
        first = index + 1;
      } else {
        output.replaceChildren();
      }
    }
    const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
    for (let i = first; i < lines.length; i++) {
      const span = document.createElement('span');
      span.className = lines[i].stream;
      span.textContent = lines[i].text + '\n';
      output.appendChild(span);
    }
    if (lines.length) {
      this.lastLine = lines[lines.length - 1];
    }
    while (output.childNodes.length > 2000) {
      output.firstChild.remove();
    }
    if (atBottom && first < lines.length) {
      output.scrollTop = output.scrollHeight;
    }
  }

}

function lastIndexOf(lines, wanted) {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].at === wanted.at && lines[i].text === wanted.text && lines[i].stream === wanted.stream) {
      return i;
    }
  }
  return -1;
}

function bar(x1, x2, className, attempt, title) {
  const rect = document.createElementNS(SVG, 'rect');
  rect.setAttribute('x', String(x1));
  rect.setAttribute('y', '14');
  rect.setAttribute('width', String(Math.max(3, x2 - x1)));
  rect.setAttribute('height', String(HEIGHT - 28));
  rect.setAttribute('class', className);
  rect.dataset.attempt = String(attempt);
  const tooltip = document.createElementNS(SVG, 'title');
  tooltip.textContent = title;
  rect.appendChild(tooltip);
  return rect;
}

function gap(x1, x2, millis) {
  const line = document.createElementNS(SVG, 'line');
  line.setAttribute('x1', String(x1));
  line.setAttribute('x2', String(x2));
  line.setAttribute('y1', String(HEIGHT / 2));
  line.setAttribute('y2', String(HEIGHT / 2));
  line.setAttribute('class', 'gap');
  const tooltip = document.createElementNS(SVG, 'title');
  tooltip.textContent = 'Waited ' + duration(millis) + ' before restarting';
  line.appendChild(tooltip);
  return line;
}
