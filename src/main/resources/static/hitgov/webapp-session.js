// The webapps' CSRF token, which Camunda's login and logout want in the X-XSRF-TOKEN header: Camunda hands
// it out on its first API answer of a session, as that header and as the XSRF-TOKEN cookie.
export async function csrfToken() {
  const response = await fetch('/camunda/api/engine/engine/', { credentials: 'same-origin' });
  const fromHeader = response.headers.get('X-XSRF-TOKEN');
  if (fromHeader) {
    return fromHeader;
  }
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}
