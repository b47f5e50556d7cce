// HIPAA automatic logoff in a real browser: maria logs in to Tasklist, opens her group tasks and
// leaves the page alone for longer than the idle timeout. Tasklist must not keep the session alive
// by itself (its filters' auto-refresh would, every 10 s), and at her next click it must show its
// login form again. Arguments: base URL, idle seconds to wait, screenshot folder.
import { tasklist } from './tasklist.mjs';

const [base, idleSeconds, shots] = process.argv.slice(2);
const { activate, loggedIn, run } = await tasklist(base, shots);

await run(async () => {
  const { page } = await loggedIn('maria');
  await activate(page.getByText("My tasks and my groups' tasks").first());
  await page.waitForTimeout(3000); // let the list load
  const background = [];
  page.on('request', request => {
    if (request.url().includes('/camunda/api/')) {
      background.push(request.method() + ' ' + request.url().replace(base, ''));
    }
  });
  await page.waitForTimeout(Number(idleSeconds) * 1000);
  if (background.length) {
    throw new Error('Tasklist called the server while the user was idle: ' + JSON.stringify(background));
  }
  await page.screenshot({ path: `${shots}/idle-before-click.png` });
  await activate(page.getByText('My tasks').first());
  try {
    await page.locator('input[type=password]').waitFor({ timeout: 20000 });
  } catch (e) {
    throw new Error('after the idle time Tasklist did not show its login form');
  }
  await page.screenshot({ path: `${shots}/idle-logoff.png` });
});
