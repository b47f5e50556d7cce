// Real-browser check of HITGov's start page and Cockpit for the PMO: paula (pmo) signs in on HITGov's sign-in
// page, sees the landing page and the API documentation, opens Cockpit with that session, the header says HITGov, the dashboard and
// the Human Tasks page load without a permission error, and a lifecycle instance's "Project" tab (plugin
// hitgov-project) names the project, its phase and go-live date.
// Swagger UI at /api/docs renders HITGov's endpoints from springdoc's own WebJar (no asset from another origin).
// The lifecycle definition's "Projects" tab lists the running projects by id and name, linked to their instances.
// The operator (admin), signed in separately, still gets the variable edit buttons the PMO does not.
// Usage: node cockpit-pmo.mjs <baseUrl> <lifecycleInstanceId> <projectName> <otherProjectName> <screenshotDir>
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, instanceId, projectName, otherProjectName, shots = 'target/browser'] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

// See tasklist.mjs: activate elements the way the keyboard would.
async function activate(locator) {
  await locator.waitFor();
  await (await locator.elementHandle()).evaluate(element => element.click());
}

async function noPermissionError(page, where) {
  const text = await page.locator('body').innerText();
  for (const error of ['does not have', 'Forbidden', 'not authorized']) {
    if (text.includes(error)) {
      throw new Error(`${where} shows "${error}": ${text.slice(0, 2000)}`);
    }
  }
}

// HITGov's landing page: anonymous visitors get the sign-in page, which signs in to the webapps.
async function signIn(page, user) {
  await page.goto(`${base}/`);
  await page.getByLabel('User').waitFor({ timeout: 60000 });
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}

const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
page.setDefaultTimeout(30000);
const refused = [];
const foreign = [];
page.on('request', request => {
  if (!request.url().startsWith(base) && !request.url().startsWith('data:')) {
    foreign.push(request.url());
  }
});
const problems = [];
page.on('pageerror', error => problems.push(`page error: ${error.message}`));
page.on('console', message => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
page.on('requestfailed', request => problems.push(`request failed: ${request.url()}`));
page.on('response', response => {
  if (response.status() === 403 && response.url().includes('/camunda/api/')) {
    refused.push(response.url());
  }
  if (response.status() >= 400) {
    problems.push(`${response.status()} ${response.url()}`);
  }
});
try {
  await signIn(page, 'paula');
  for (const link of ['Tasklist', 'Cockpit', 'Portfolio', 'API documentation']) {
    await page.getByRole('link', { name: new RegExp(link) }).first().waitFor();
  }
  await page.screenshot({ path: `${shots}/landing-1-start-here.png`, fullPage: true });
  // The OpenAPI document of /api opens with the same session (Swagger UI at /api/docs renders it).
  await page.goto(`${base}/api/openapi`);
  const openapi = await page.locator('body').innerText();
  if (!openapi.includes('HITGov API') || !openapi.includes('/api/projects')) {
    throw new Error(`the OpenAPI document is not HITGov's: ${openapi.slice(0, 500)}`);
  }

  // Swagger UI renders the document: HITGov's title and endpoints, its assets from springdoc's WebJar.
  const swaggerAssets = [];
  const collect = response => {
    if (response.url().includes('/api/swagger-ui/') && response.status() === 200) {
      swaggerAssets.push(response.url());
    }
  };
  page.on('response', collect);
  await page.goto(`${base}/api/docs`);
  await page.locator('.swagger-ui .info .title').getByText('HITGov API').waitFor();
  await page.locator('.opblock-summary-path').filter({ hasText: /^\/api\/projects$/ }).first().waitFor();
  for (const path of ['/api/change-requests', '/api/risks', '/api/portfolio']) {
    await page.locator('.opblock-summary-path').filter({ hasText: path }).first().waitFor();
  }
  page.off('response', collect);
  if (!swaggerAssets.some(url => url.endsWith('/swagger-ui-bundle.js'))) {
    throw new Error(`Swagger UI's bundle did not come from springdoc's WebJar: ${swaggerAssets.join(', ')}`);
  }
  await page.screenshot({ path: `${shots}/landing-2-swagger-ui.png` });

  // The same session opens Cockpit: no second login.
  await page.goto(`${base}/camunda/app/cockpit/`);
  await page.getByText('Running Process Instances').first().waitFor();
  await page.getByText('HITGov Cockpit').first().waitFor();
  await page.getByText('Process Definitions').first().waitFor();
  await page.waitForTimeout(3000);
  await noPermissionError(page, 'the dashboard');
  await page.screenshot({ path: `${shots}/cockpit-1-dashboard.png`, fullPage: true });

  await page.goto(`${base}/camunda/app/cockpit/default/#/tasks`);
  await page.getByText(/assigned to 1 or more groups/i).first().waitFor();
  await page.waitForTimeout(2000);
  await noPermissionError(page, 'the Human Tasks page');
  await page.screenshot({ path: `${shots}/cockpit-2-human-tasks.png`, fullPage: true });

  await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${instanceId}/runtime`);
  await page.getByText('Variables', { exact: true }).first().waitFor();
  await activate(page.getByText('Project', { exact: true }).first());
  await page.locator('table.hitgov-project').getByText(projectName, { exact: false }).waitFor();
  const tab = await page.locator('table.hitgov-project').innerText();
  for (const wanted of ['Phase', 'P0', 'Go-live date', 'Open gate']) {
    if (!tab.includes(wanted)) {
      throw new Error(`the Project tab lacks "${wanted}": ${tab}`);
    }
  }
  await noPermissionError(page, 'the process instance view');
  await activate(page.getByText('Variables', { exact: true }).first());
  await page.getByText('projectName', { exact: true }).first().waitFor();
  await page.waitForTimeout(1000);
  if (await page.locator('.glyphicon-pencil:visible').count()) {
    throw new Error('the PMO is offered variable edit buttons');
  }
  await page.screenshot({ path: `${shots}/cockpit-4-variables-read-only.png`, fullPage: true });
  await activate(page.getByText('Project', { exact: true }).first());
  await page.screenshot({ path: `${shots}/cockpit-3-project-tab.png`, fullPage: true });
  // The lifecycle definition's "Projects" tab: the running projects by id and name, each linked to its instance.
  const definition = await page.evaluate(async id => {
    const response = await fetch(`/camunda/api/engine/engine/default/process-instance/${id}`,
      { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    return (await response.json()).definitionId;
  }, instanceId);
  await page.goto(`${base}/camunda/app/cockpit/default/#/process-definition/${definition}/runtime`);
  await activate(page.getByText('Projects', { exact: true }).first());
  const projects = page.locator('table.hitgov-projects');
  await projects.getByText(projectName, { exact: false }).first().waitFor();
  const listed = await projects.innerText();
  for (const wanted of [projectName, otherProjectName, 'P0'].filter(Boolean)) {
    if (!listed.includes(wanted)) {
      throw new Error(`the Projects tab lacks "${wanted}": ${listed}`);
    }
  }
  await noPermissionError(page, 'the process definition view');
  await page.screenshot({ path: `${shots}/cockpit-5-definition-projects.png`, fullPage: true });
  await activate(projects.getByRole('link', { name: instanceId }));
  await page.waitForURL(new RegExp(`process-instance/${instanceId}`));
  if (refused.length) {
    throw new Error(`Cockpit was refused for the PMO: ${refused.join(', ')}`);
  }

  // The operator (camunda-admin) keeps Cockpit's variable edit buttons on the same instance: the read-only
  // marking follows the engine's answer for the signed-in user, not a blanket rule.
  const operatorContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const operator = await operatorContext.newPage();
  operator.setDefaultTimeout(30000);
  await signIn(operator, 'admin');
  // the plugin marks the page read-only (or not) when the engine's authorization check answers: wait for it
  const checked = operator.waitForResponse(response => response.url().includes('/authorization/check'));
  await operator.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${instanceId}/runtime`);
  const answer = await (await checked).json();
  if (!answer.authorized) {
    throw new Error(`the engine denies the operator UPDATE on process instances: ${JSON.stringify(answer)}`);
  }
  await activate(operator.getByText('Variables', { exact: true }).first());
  await operator.getByText('projectName', { exact: true }).first().waitFor();
  await operator.locator('.glyphicon-pencil:visible').first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('the operator is not offered variable edit buttons'); });
  if (await operator.evaluate(() => document.body.classList.contains('hitgov-read-only'))) {
    throw new Error('the operator\'s Cockpit is marked read-only');
  }
  await operator.screenshot({ path: `${shots}/cockpit-6-operator-variables-editable.png`, fullPage: true });
  await operatorContext.close();
  if (foreign.length) {
    throw new Error(`assets from another origin (no CDN allowed): ${foreign.join(', ')}`);
  }
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  await page.screenshot({ path: `${shots}/cockpit-failure-${Date.now()}.png`, fullPage: true }).catch(() => {});
  console.error('BROWSER CHECK FAILED:', error.message, problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
