// HITGov portfolio page: reads GET /api/portfolio (paged) and GET /api/portfolio/risk-heat-map with the
// webapps' session (or HTTP Basic); draws the Gantt and the heat map with the bundled Apache ECharts.
(function () {
  'use strict';
  const PAGE_SIZE = 50;
  const state = { page: 0, total: 0, stalledOnly: false, projects: [], selected: null };
  const $ = (selector) => document.querySelector(selector);
  const DAY = 24 * 3600 * 1000;

  function text(tag, value, className) {
    const element = document.createElement(tag);
    element.textContent = value == null ? '' : String(value);
    if (className) element.className = className;
    return element;
  }

  function link(href, label) {
    const a = text('a', label);
    a.href = href;
    return a;
  }

  function rag(value) {
    return text('span', value, 'rag rag-' + value);
  }

  async function getJson(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      throw new Error('Not logged in: log in to Tasklist or Cockpit first, then reload this page.');
    }
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      try { message = (await response.json()).detail || message; } catch (e) { /* keep the status */ }
      throw new Error(message);
    }
    return response.json();
  }

  function setStatus(message, error) {
    const status = $('#status');
    status.textContent = message || '';
    status.className = error ? 'error' : '';
  }

  function row(project) {
    const tr = document.createElement('tr');
    tr.dataset.projectId = project.projectId;
    if (project.stalled.length) tr.className = 'stalled';
    const name = document.createElement('td');
    name.append(text('strong', project.projectId), document.createElement('br'), text('span', project.projectName));
    tr.append(name, text('td', project.phase), text('td', project.nextGate || '–'), text('td', project.goLiveDate));
    for (const key of ['schedule', 'budget', 'risk', 'readiness']) {
      const td = document.createElement('td');
      td.className = 'rag-' + key;
      td.append(rag(project.rag[key]));
      tr.append(td);
    }
    const stalled = document.createElement('td');
    for (const reason of project.stalled) {
      const p = document.createElement('p');
      p.className = 'stalled-reason';
      p.dataset.type = reason.type;
      p.append(text('span', reason.type, 'type'), text('span', ' (' + reason.daysLate + ' business days): '),
        text('span', reason.reason, 'message'));
      stalled.append(p);
    }
    if (!project.stalled.length) stalled.textContent = '–';
    tr.append(stalled);
    const change = project.changeImpact;
    tr.append(text('td', change.approvedChanges + ' approved · $' + change.costImpact.toLocaleString('en-US') + ' · '
      + change.scheduleImpactDays + ' days · scope creep ' + change.scopeCreepPercent + ' %'));
    const links = document.createElement('td');
    const gantt = text('button', 'Gantt', 'gantt');
    gantt.type = 'button';
    gantt.addEventListener('click', () => showGantt(project));
    links.append(gantt, text('span', ' '), link(project.links.cockpit, 'Cockpit'), text('span', ' '),
      link(project.links.tasklist, 'Tasklist'));
    tr.append(links);
    return tr;
  }

  async function load() {
    setStatus('Loading…');
    try {
      const data = await getJson('/api/portfolio?page=' + state.page + '&size=' + PAGE_SIZE
        + (state.stalledOnly ? '&stalled=true' : ''));
      state.total = data.total;
      state.projects = data.projects;
      $('#as-of').textContent = 'as of ' + data.asOf;
      const body = $('#portfolio tbody');
      body.replaceChildren(...data.projects.map(row));
      const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
      $('#page-info').textContent = 'page ' + (data.page + 1) + ' of ' + pages + ' · ' + data.total + ' active projects';
      $('#previous').disabled = data.page === 0;
      $('#next').disabled = data.page + 1 >= pages;
      const select = $('#heat-project');
      const chosen = select.value;
      select.replaceChildren(text('option', 'whole portfolio'));
      select.firstChild.value = '';
      for (const project of data.projects) {
        const option = text('option', project.projectId);
        option.value = project.projectId;
        select.append(option);
      }
      select.value = data.projects.some((p) => p.projectId === chosen) ? chosen : '';
      setStatus('');
      const first = data.projects.find((p) => p.stalled.length) || data.projects[0];
      if (first && !state.selected) showGantt(first);
      await loadHeatMap();
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  function ms(day) {
    return day ? new Date(day + 'T00:00:00').getTime() : null;
  }

  function bar(offset, color) {
    return function (params, api) {
      const y = api.value(0);
      const start = api.coord([api.value(1), y]);
      const end = api.coord([api.value(2) + DAY, y]);
      const height = api.size([0, 1])[1] * 0.3;
      return {
        type: 'rect',
        shape: { x: start[0], y: start[1] + offset * height - height / 2, width: Math.max(end[0] - start[0], 2), height: height },
        style: { fill: color }
      };
    };
  }

  function showGantt(project) {
    state.selected = project.projectId;
    const box = $('#gantt');
    box.dataset.projectId = project.projectId;
    $('#gantt-title').textContent = 'Gantt: ' + project.projectId + ' · go-live ' + project.goLiveDate
      + (project.stalled.length ? ' · STALLED: ' + project.stalled.map((s) => s.type).join(', ') : '');
    if (typeof echarts === 'undefined') return;
    const phases = project.phases.filter((p) => !p.skipped && p.plannedStart);
    const today = ms(new Date().toISOString().slice(0, 10));
    const planned = phases.map((p, i) => [i, ms(p.plannedStart), ms(p.plannedEnd)]);
    const actual = phases.filter((p) => p.actualStart)
      .map((p) => [phases.indexOf(p), ms(p.actualStart), p.actualEnd ? ms(p.actualEnd) : today]);
    const gates = phases.filter((p) => p.gate)
      .map((p) => ({ value: [ms(p.actualEnd ? p.actualEnd : p.plannedEnd) + DAY, phases.indexOf(p)], name: p.gate }));
    const chart = echarts.getInstanceByDom(box) || echarts.init(box);
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', inverse: true, data: phases.map((p) => p.phase) },
      series: [
        { type: 'custom', name: 'Planned', renderItem: bar(-0.5, '#9fb3c8'), encode: { x: [1, 2], y: 0 }, data: planned,
          markLine: { symbol: 'none', label: { formatter: 'today' }, lineStyle: { color: '#d64545', width: 2 },
            data: [{ xAxis: today }] } },
        { type: 'custom', name: 'Actual', renderItem: bar(0.5, '#243b53'), encode: { x: [1, 2], y: 0 }, data: actual },
        { type: 'scatter', name: 'Gate', symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#f0b429' }, data: gates,
          label: { show: true, position: 'right', formatter: (p) => p.name } }
      ]
    }, true);
  }

  async function loadHeatMap() {
    const projectId = $('#heat-project').value;
    const data = await getJson('/api/portfolio/risk-heat-map' + (projectId ? '?projectId=' + encodeURIComponent(projectId) : ''));
    const box = $('#heatmap');
    box.dataset.projectId = projectId;
    box.dataset.risks = String(data.cells.reduce((sum, c) => sum + c.risks, 0));
    if (typeof echarts === 'undefined') return;
    const max = Math.max(1, ...data.cells.map((c) => c.risks));
    const chart = echarts.getInstanceByDom(box) || echarts.init(box);
    chart.setOption({
      animation: false,
      tooltip: { position: 'top' },
      grid: { left: 60, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', name: 'impact', nameLocation: 'middle', nameGap: 25, data: ['1', '2', '3', '4', '5'] },
      yAxis: { type: 'category', name: 'likelihood', nameLocation: 'middle', nameGap: 35, data: ['1', '2', '3', '4', '5'] },
      visualMap: { min: 0, max: max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#f0f4f8', '#f0b429', '#d64545'] } },
      series: [{ type: 'heatmap', name: 'open risks', label: { show: true },
        data: data.cells.map((c) => [c.impact - 1, c.likelihood - 1, c.risks]) }]
    }, true);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('#stalled-only').addEventListener('change', (event) => {
      state.stalledOnly = event.target.checked;
      state.page = 0;
      load();
    });
    $('#previous').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); load(); });
    $('#next').addEventListener('click', () => { state.page += 1; load(); });
    $('#heat-project').addEventListener('change', () => loadHeatMap().catch((e) => setStatus(e.message, true)));
    load();
  });
})();
