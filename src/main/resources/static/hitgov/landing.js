// HITGov's landing page: "Sign out" ends the webapps' session (Tasklist, Cockpit and these pages).
import { csrfToken } from './webapp-session.js';

document.getElementById('sign-out').addEventListener('click', async () => {
  const token = await csrfToken();
  await fetch('/camunda/api/admin/auth/user/default/logout', {
    method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': token },
  });
  window.location.assign('/login');
});
