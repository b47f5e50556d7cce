// HITGov's sign-in page: signs in to Camunda's webapps (as Tasklist does: every governance user may use it) (the same session then opens Tasklist, Cockpit
// and HITGov's pages) and goes to the landing page. Failed sign-ins are throttled by the server.
import { csrfToken } from './webapp-session.js';

const form = document.getElementById('sign-in');
const message = document.getElementById('message');
form.addEventListener('submit', async event => {
  event.preventDefault();
  message.textContent = '';
  const token = await csrfToken();
  const response = await fetch('/camunda/api/admin/auth/user/default/login/tasklist', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': token },
    body: new URLSearchParams({ username: form.username.value, password: form.password.value }),
  });
  if (response.ok) {
    window.location.assign('/');
  } else if (response.status === 429) {
    message.textContent = 'Too many failed sign-ins from here: wait ' + (response.headers.get('Retry-After') || 'a few')
      + ' seconds and try again.';
  } else {
    message.textContent = 'Wrong user or password.';
  }
});
