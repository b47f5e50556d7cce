// The webapps' CSRF token, which Camunda's login and logout want in the X-XSRF-TOKEN header. Camunda hands it
// out on a session's first webapp answer (header) and as a cookie scoped to /camunda; a session that has one
// already gets it from HITGov's /login/csrf (same origin only).
export async function csrfToken() {
  const response = await fetch('/camunda/api/engine/engine/', { credentials: 'same-origin' });
  const fromHeader = response.headers.get('X-XSRF-TOKEN');
  if (fromHeader) {
    return fromHeader;
  }
  const session = await fetch('/login/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return session.ok ? (await session.json()).token : '';
}
