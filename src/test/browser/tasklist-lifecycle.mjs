// Real-browser check of the implementation lifecycle in Camunda Tasklist: a PMO starts a project
// with the start form, the project manager completes the P0 deliverables with the deliverable form,
// another project manager submits the G0 evidence pack, and the executive sponsor signs G0 with the
// review form. Usage: node tasklist-lifecycle.mjs <baseUrl> <projectId> <screenshotDir>
// Exits non-zero on any failure; TasklistBrowserTest checks the engine state afterwards.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, projectId, shots = 'target/browser'] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

// See tasklist-hipaa-gate.mjs: activate elements the way the keyboard would (element.click()).
async function activate(locator) {
  await locator.waitFor();
  const handle = await locator.elementHandle();
  await handle.evaluate(element => new Promise((resolve, reject) => {
    const started = Date.now();
    (function poll() {
      if (!element.disabled) { element.click(); resolve(); }
      else if (Date.now() - started > 15000) { reject(new Error('still disabled: ' + element.textContent)); }
      else { setTimeout(poll, 100); }
    })();
  }));
}

async function loggedIn(user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  const sessionChecked = page.waitForResponse(r => r.url().includes('/api/admin/auth/user/default'));
  await page.goto(`${base}/camunda/app/tasklist/`);
  await sessionChecked;
  await page.waitForTimeout(500);
  await page.locator('input[type=text]').fill(user);
  await page.locator('input[type=password]').fill('demo');
  await activate(page.getByRole('button', { name: 'Log in' }));
  await page.getByText('Start process').first().waitFor();
  return { context, page };
}

// Opens a task from the user's group filter, claims it if needed, fills it and completes it.
async function completeGroupTask(user, taskName, fill, shot) {
  const { context, page } = await loggedIn(user);
  await activate(page.getByText('My group tasks').first());
  await activate(page.getByText(taskName, { exact: true }).first());
  await fill(page);
  // form-js debounces text input: let the last field reach the form's state before completing.
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${shots}/${shot}.png` });
  const claim = page.getByRole('button', { name: 'Claim' });
  if (await claim.count()) {
    await activate(claim.first());
  }
  await activate(page.getByRole('button', { name: 'Complete' }));
  await page.getByText(taskName, { exact: true }).first().waitFor({ state: 'detached' });
  await context.close();
}

// form-js debounces input and re-renders on each change: a field typed while the previous one's
// update is pending can lose its value. Fill one field at a time and let each settle.
async function fillField(page, label, value) {
  const field = page.getByLabel(label).first();
  await field.fill(value);
  await field.press('Tab');
  await page.waitForTimeout(400);
}

async function deliverable(page, documentId) {
  await page.getByLabel('Deliverable document id').waitFor();
  await page.getByText(`${projectId}`).first().waitFor();
  await fillField(page, 'Deliverable document id', documentId);
  await fillField(page, 'Version', '1.0');
  await fillField(page, 'Summary', 'Reviewed with the clinical and IT leads');
}

try {
  // 1. paula (pmo) starts the project with the start form
  const pmo = await loggedIn('paula');
  await activate(pmo.page.getByText('Start process').first());
  await activate(pmo.page.getByText('Implementation lifecycle'));
  await pmo.page.getByLabel('Project id').waitFor();
  await fillField(pmo.page, 'Project id', projectId);
  await fillField(pmo.page, 'Project name', 'Ambulatory EHR roll-out');
  // A go-live date next month: open the picker, go one month on, pick its last day.
  await pmo.page.getByLabel('Planned go-live date').first().focus();
  await activate(pmo.page.locator('.flatpickr-calendar.open .flatpickr-next-month'));
  await activate(pmo.page.locator('.flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)').last());
  await fillField(pmo.page, 'Approved budget (USD)', '2500000');
  await fillField(pmo.page, 'Executive sponsor (user id)', 'evelyn');
  await fillField(pmo.page, 'Project manager (user id)', 'maria');
  await pmo.page.waitForTimeout(600);
  await pmo.page.screenshot({ path: `${shots}/lifecycle-1-start-form.png` });
  await activate(pmo.page.getByRole('button', { name: 'Start', exact: true }));
  await pmo.page.getByText('Start process: Implementation lifecycle').waitFor({ state: 'detached' });
  await pmo.context.close();

  // 2. maria (projectManagers) delivers the two P0 deliverables
  await completeGroupTask('maria', 'Assess organizational readiness', p => deliverable(p, 'DMS-READINESS-1'),
    'lifecycle-2-deliverable');
  await completeGroupTask('maria', 'Draft project charter and goals', p => deliverable(p, 'DMS-CHARTER-1'),
    'lifecycle-3-deliverable');

  // 3. mike (projectManagers) submits the G0 evidence pack, seeing the checklist
  await completeGroupTask('mike', 'Assemble G0 evidence pack', async page => {
    await page.getByLabel('Evidence references').waitFor();
    await page.getByText('Readiness assessment done').first().waitFor();
    await fillField(page, 'Evidence references', 'DMS-READINESS-1 v1.0\nDMS-CHARTER-1 v1.0');
  }, 'lifecycle-4-evidence-pack');

  // 4. edward (executiveSponsor) signs G0 with the review form
  await completeGroupTask('edward', 'Review G0 as executiveSponsor', async page => {
    await page.getByText('Reviewing as').first().waitFor();
    await page.getByText('DMS-CHARTER-1 v1.0').first().waitFor();
    await activate(page.getByLabel('GO', { exact: true }));
    await fillField(page, 'Comment', 'Charter and goals are clear');
  }, 'lifecycle-5-review');
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: `${shots}/failure-${Date.now()}.png` }).catch(() => {});
    }
  }
  console.error('BROWSER CHECK FAILED:', error.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
