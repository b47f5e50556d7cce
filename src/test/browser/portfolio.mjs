// Real-browser check of the portfolio watch's views: a PMO user logs in, sees the stalled project
// flagged with its reason on Cockpit's dashboard ("Go-live watch" plugin) and on /portfolio, opens
// its Gantt, and follows the link into Cockpit's view of the lifecycle instance.
// Usage: node portfolio.mjs <baseUrl> <projectId> <screenshotDir>; exits non-zero on any failure.
import { tasklist } from './tasklist.mjs';

const [base, projectId, shots = 'target/browser'] = process.argv.slice(2);
const { loggedIn, activate, run } = await tasklist(base, shots);

await run(async () => {
  const { page } = await loggedIn('paula');

  // 1. Cockpit's dashboard: the Go-live watch lists the project with its reason
  await page.goto(`${base}/camunda/app/cockpit/default/#/dashboard`);
  const watchRow = page.locator(`#hitgov-golive-watch tr[data-project-id="${projectId}"]`);
  try {
    await watchRow.waitFor({ timeout: 60000 });
  } catch (slowStart) {
    // Cockpit's first start in a fresh JVM can hang on its loading spinner: load the dashboard once more
    await page.reload();
    await watchRow.waitFor({ timeout: 60000 });
  }
  const reason = await watchRow.locator('.hitgov-stalled-reason[data-type="stalledGoLive"]').textContent();
  if (!reason.includes('without a valid HIPAA audit gate PASS')) {
    throw new Error('Cockpit dashboard: unexpected reason ' + reason);
  }
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${shots}/cockpit-golive-watch.png`, fullPage: true });

  // 2. /portfolio with the same session: the project is flagged, its Gantt opens
  await page.goto(`${base}/portfolio`);
  const row = page.locator(`#portfolio tr[data-project-id="${projectId}"]`);
  await row.waitFor();
  const flagged = await row.locator('.stalled-reason[data-type="stalledGoLive"] .message').textContent();
  if (!flagged.includes('without a valid HIPAA audit gate PASS')) {
    throw new Error('/portfolio: unexpected reason ' + flagged);
  }
  if ((await row.locator('.rag-schedule .rag').textContent()) !== 'RED') {
    throw new Error('/portfolio: schedule should be RED');
  }
  await activate(row.getByRole('button', { name: 'Gantt' }));
  await page.locator(`#gantt[data-project-id="${projectId}"] canvas`).first().waitFor();
  const title = await page.locator('#gantt-title').textContent();
  if (!title.includes(projectId) || !title.includes('STALLED')) {
    throw new Error('Gantt title: ' + title);
  }
  await page.locator('#heatmap canvas').first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${shots}/portfolio.png`, fullPage: true });

  // 3. the row's link leads into Cockpit's view of the lifecycle instance
  const href = await row.getByRole('link', { name: 'Cockpit' }).getAttribute('href');
  await activate(row.getByRole('link', { name: 'Cockpit' }));
  await page.waitForURL(/\/camunda\/app\/cockpit\/default\/#\/process-instance\/[^/]+\/runtime/);
  await page.getByText('Implementation', { exact: false }).first().waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${shots}/cockpit-instance.png` });
  console.log(JSON.stringify({ followed: href }));
});
