// HITGov Tasklist script (config.js customScripts): a filter's stored sorting applies when the filter is selected.
// Camunda 7.24 Tasklist sorts the list by the "sorting" parameter of its URL (default: creation date, newest first)
// and sends it with every list request, which overrides the ordering stored in the filter's query; so "By project"
// would list by creation date. When the selected filter changes (also the first filter Tasklist opens), this puts
// the filter's stored sorting (GET filter/{id}: query.sorting, the format of the URL parameter) into the URL;
// Tasklist then sorts by it and its "Sort by" header shows it. A sorting the user picks afterwards stays until
// another filter is selected, and a URL opened with its own sorting (a bookmark, a reload) keeps it.
const appBase = window.location.pathname.split('/app/')[0];
const engine = (window.location.pathname.split('/tasklist/')[1] || 'default').split('/')[0] || 'default';
const stored = new Map();
const initial = parameters();
let selected = null;

function parameters() {
  const hash = window.location.hash || '';
  return new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
}

async function storedSorting(filterId) {
  if (!stored.has(filterId)) {
    const response = await fetch(`${appBase}/api/engine/engine/${engine}/filter/${encodeURIComponent(filterId)}`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const filter = response.ok ? await response.json() : null;
    const sorting = filter && filter.query && Array.isArray(filter.query.sorting) ? filter.query.sorting : [];
    stored.set(filterId, sorting);
  }
  return stored.get(filterId);
}

async function applyStoredSorting() {
  const current = parameters();
  const filterId = current.get('filter');
  if (!filterId || filterId === selected) {
    return;
  }
  const first = selected === null;
  selected = filterId;
  if (first && initial.get('filter') === filterId && initial.get('sorting')) {
    return;
  }
  const sorting = await storedSorting(filterId);
  const latest = parameters();
  if (!sorting.length || latest.get('filter') !== filterId || latest.get('sorting') === JSON.stringify(sorting)) {
    return;
  }
  latest.set('sorting', JSON.stringify(sorting));
  const hash = window.location.hash || '#/';
  const path = hash.includes('?') ? hash.slice(0, hash.indexOf('?')) : hash;
  window.location.replace(`${window.location.pathname}${window.location.search}${path}?${latest}`);
}

function check() {
  applyStoredSorting().catch(error => console.error('HITGov: the filter\'s sorting could not be applied', error));
}

window.addEventListener('hashchange', check);
window.addEventListener('popstate', check);
// Tasklist may set the URL's parameters without a hashchange event (Angular's $location.replace): look again.
setInterval(check, 500);
check();
