// Real-browser check of change requests in Camunda Tasklist: an integration lead raises a NORMAL
// change against an existing project with the start form, a project manager completes the impact
// assessment form. Usage: node tasklist-change-request.mjs <baseUrl> <projectId> <screenshotDir>
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
  // 1. irene (integration) raises the change
  const requester = await loggedIn('irene');
  await activate(requester.page.getByText('Start process').first());
  await activate(requester.page.getByText('Change request'));
  await requester.page.getByLabel('Title').waitFor();
  await fillField(requester.page, 'Project id', projectId);
  await fillField(requester.page, 'Title', 'Add microbiology results interface');
  await activate(requester.page.getByLabel('NORMAL: assessed and approved per impact'));
  await fillField(requester.page, 'Cost impact (USD, negative for savings)', '40000');
  await fillField(requester.page, 'Schedule impact (business days of slip)', '0');
  await activate(requester.page.getByLabel('Changes an interface (HL7 v2, FHIR, vendor API)'));
  await fillField(requester.page, 'Justification', 'The lab requires it before go-live');
  await requester.page.screenshot({ path: `${shots}/change-1-start-form.png` });
  await activate(requester.page.getByRole('button', { name: 'Start', exact: true }));
  await requester.page.getByText('Start process: Change request').waitFor({ state: 'detached' });
  await requester.context.close();

  // 2. mike (projectManagers) assesses the impact
  await completeGroupTask('mike', `Assess impact of CR-${projectId}-1`, async page => {
    await page.getByLabel('Implementation plan').waitFor();
    await page.getByText('Add microbiology results interface').first().waitFor();
    await activate(page.getByLabel('No scope change'));
    await activate(page.getByLabel('Moderate', { exact: true }));
    await fillField(page, 'Implementation plan', 'Deploy the new route in the Tuesday window');
    await fillField(page, 'Back-out plan', 'Disable the route');
  }, 'change-2-assessment');
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
