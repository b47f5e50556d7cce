// HITGov Tasklist script (config.js customScripts): people pickers in Camunda Forms. A select whose
// custom property "peopleOfGroup" names a governance group gets that group's members as options, by name,
// from GET /api/people?group=... (the webapp session signs the request). The value submitted stays the
// user id. Tasklist gives start forms no variables, so the options are put into the form's schema as
// Tasklist loads it (the deployed form itself keeps an empty option list).
const originalFetch = window.fetch.bind(window);

function selectsWantingPeople(components, found = []) {
  for (const component of components || []) {
    if (component.type === 'select' && component.properties && component.properties.peopleOfGroup) {
      found.push(component);
    }
    selectsWantingPeople(component.components, found);
  }
  return found;
}

async function withPeople(response) {
  if (!response.ok) {
    return response;
  }
  const text = await response.text();
  let schema = null;
  try {
    schema = JSON.parse(text);
  } catch (notJson) {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  const selects = schema && typeof schema === 'object' ? selectsWantingPeople(schema.components) : [];
  if (!selects.length) {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  // One group after the other; a directory that does not answer in time leaves the select as deployed.
  for (const select of selects) {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), 15000);
    try {
      const people = await originalFetch(`/api/people?group=${encodeURIComponent(select.properties.peopleOfGroup)}`,
        { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: timeout.signal });
      if (people.ok) {
        select.values = await people.json();
        delete select.valuesKey;
        delete select.valuesExpression;
      }
    } catch (error) {
      console.error('HITGov: the people of', select.properties.peopleOfGroup, 'could not be loaded', error);
    } finally {
      clearTimeout(timer);
    }
  }
  return new Response(JSON.stringify(schema), { status: response.status, headers: { 'Content-Type': 'application/json' } });
}

window.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input && input.url;
  const promise = originalFetch(input, init);
  return url && /\/deployed-(start-)?form(\?|$)/.test(url) ? promise.then(withPeople) : promise;
};
