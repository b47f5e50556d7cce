// HITGov's Cockpit plugin "hitgov-project" (io.hitgov.system.cockpit.ProjectCockpitPlugin): a "Project"
// tab on the process instance view naming the project, its phase, go-live date and open gate, and a
// "Projects" tab on the process definition view listing its running instances with project id, name and
// phase, each linked to its instance. Plain browser JavaScript, no build step; the data comes from the
// plugin's resources with the user's session.
const rows = [
  ['Project', p => p.projectId ? `${p.projectId}${p.projectName ? ' · ' + p.projectName : ''}` : 'not a project process'],
  ['Phase', p => p.phase],
  ['Go-live date', p => p.goLiveDateText],
  ['Open gate', p => p.openGate || (p.lifecycle ? 'none' : null)],
  ['Next gate', p => p.nextGate],
];

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

// Shows "Loading the <what>…" in the tab, then what render makes of the resource's answer (or why it failed).
function load(node, what, url, render) {
  node.className = `hitgov-${what}-tab`;
  node.textContent = `Loading the ${what}…`;
  fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(response => response.ok ? response.json() : Promise.reject(new Error(`${response.status}`)))
    .then(answer => node.replaceChildren(...[render(answer)].flat()))
    .catch(error => { node.textContent = `The ${what} could not be loaded (${error.message}).`; });
}

// The instance's project: one labelled row per value it has.
function projectTable(project) {
  const table = document.createElement('table');
  table.className = 'cam-table hitgov-project';
  for (const [label, value] of rows) {
    const text = value(project);
    if (text === undefined || text === null) {
      continue;
    }
    const row = document.createElement('tr');
    row.appendChild(cell('th', label));
    row.appendChild(cell('td', text));
    table.appendChild(row);
  }
  return table;
}

// The definition's running instances, one row each: project id, name, phase, business key, link to the instance.
function projectsTable(answer) {
  const summary = cell('p', answer.count > answer.instances.length
    ? `${answer.count} running instances; the first ${answer.instances.length} by business key:`
    : `${answer.count} running ${answer.count === 1 ? 'instance' : 'instances'}`);
  const table = document.createElement('table');
  table.className = 'cam-table hitgov-projects';
  const head = document.createElement('tr');
  for (const label of ['Project', 'Project name', 'Phase', 'Business key', 'Instance']) {
    head.appendChild(cell('th', label));
  }
  table.appendChild(head);
  for (const instance of answer.instances) {
    const row = document.createElement('tr');
    row.appendChild(cell('td', instance.projectId || '–'));
    row.appendChild(cell('td', instance.projectName || '–'));
    row.appendChild(cell('td', instance.phase || '–'));
    row.appendChild(cell('td', instance.businessKey || '–'));
    const link = cell('a', instance.id);
    link.href = `#/process-instance/${encodeURIComponent(instance.id)}/runtime`;
    const linkCell = document.createElement('td');
    linkCell.appendChild(link);
    row.appendChild(linkCell);
    table.appendChild(row);
  }
  return [summary, table];
}

// Read-only users (the PMO) get no edit or delete buttons on variables: Cockpit shows them to everyone and the
// engine refuses the edit (403). Whether the user may update process instances is asked once per instance view.
async function markReadOnly(api) {
  const check = new URLSearchParams({ permissionName: 'UPDATE', resourceName: 'ProcessInstance', resourceType: '8',
    resourceId: '*' });
  const response = await fetch(`${api.engineApi}/authorization/check?${check}`,
    { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const answer = response.ok ? await response.json() : { authorized: false };
  document.body.classList.toggle('hitgov-read-only', !answer.authorized);
}

export default [{
  id: 'hitgov-read-only',
  pluginPoint: 'cockpit.processInstance.runtime.action',
  priority: -100,
  render: (node, { api }) => {
    node.style.display = 'none';
    markReadOnly(api).catch(() => document.body.classList.add('hitgov-read-only'));
  },
}, {
  id: 'hitgov-definition-projects',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 20,
  properties: { label: 'Projects' },
  render: (node, { api, processDefinitionId }) => load(node, 'projects',
    `${api.cockpitApi}/plugin/hitgov-project/${api.engine}/process-definition/${processDefinitionId}`,
    answer => projectsTable(answer)),
}, {
  id: 'hitgov-project',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  properties: { label: 'Project' },
  render: (node, { api, processInstanceId }) => load(node, 'project',
    `${api.cockpitApi}/plugin/hitgov-project/${api.engine}/process-instance/${processInstanceId}`, projectTable),
}];
