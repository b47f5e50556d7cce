// HITGov "Go-live watch" on Cockpit's dashboard: the stalled projects found by PortfolioWatchProcess
// (custom incidents stalledGoLive, stalledPhase, overdueGate, staleProject), read from
// GET /api/portfolio?stalled=true with the Cockpit session; each row links to its lifecycle instance.
const ID = 'hitgov-golive-watch';

function el(tag, text, className) {
  const element = document.createElement(tag);
  if (text != null) element.textContent = String(text);
  if (className) element.className = className;
  return element;
}

function table(projects) {
  const t = el('table', null, 'table table-striped cam-table');
  const head = el('tr');
  for (const title of ['Project', 'Stalled because', 'Days late', 'Next gate', 'Go-live', '']) head.append(el('th', title));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const project of projects) {
    const tr = el('tr');
    tr.dataset.projectId = project.projectId;
    const name = el('td');
    name.append(el('strong', project.projectId), el('br'), el('span', project.projectName));
    const reasons = el('td');
    for (const s of project.stalled) {
      const p = el('div', null, 'hitgov-stalled-reason');
      p.dataset.type = s.type;
      p.append(el('strong', s.type + ': '), el('span', s.reason));
      reasons.append(p);
    }
    const open = el('a', 'Open in Cockpit');
    open.href = project.links.cockpit;
    open.className = 'hitgov-open-instance';
    const links = el('td');
    links.append(open);
    tr.append(name, reasons, el('td', project.daysLate), el('td', project.nextGate || '–'), el('td', project.goLiveDate), links);
    body.append(tr);
  }
  t.append(thead, body);
  return t;
}

export default {
  id: ID,
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  properties: { label: 'Go-live watch' },
  render: (node) => {
    const section = el('section', null, 'hitgov-golive-watch');
    section.id = ID;
    section.append(el('h1', 'Go-live watch', 'section-title'));
    const status = el('p', 'Loading stalled projects…');
    section.append(status);
    node.append(section);
    fetch('/api/portfolio?stalled=true&size=200', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => {
        if (!response.ok) throw new Error('HITGov portfolio: ' + response.status);
        return response.json();
      })
      .then((data) => {
        const projects = data.projects.slice().sort((a, b) => b.daysLate - a.daysLate);
        status.textContent = projects.length === 0
          ? 'No stalled project: every active project is within its plan.'
          : projects.length + ' stalled project' + (projects.length === 1 ? '' : 's') + ' (portfolio watch, as of ' + data.asOf + ')';
        if (projects.length) section.append(table(projects));
        const more = el('a', 'Portfolio page');
        more.href = '/portfolio';
        section.append(more);
      })
      .catch((error) => { status.textContent = error.message; });
  }
};
