// Shared helpers of the Tasklist browser checks: Debian's chromium through playwright-core, logging
// in to Tasklist, filling Camunda Forms and completing group tasks the way a user does.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export async function tasklist(base, shots) {
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

  // Playwright's mouse clicks get lost in Camunda's AngularJS views when a blur re-renders the target
  // between mousedown and mouseup; activate elements the way the keyboard would (element.click()).
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
    // The login view re-renders once the app has checked for an existing session: wait for the form, then
    // let it settle. The first load after start-up can be slow on a busy machine: allow it a minute.
    await page.goto(`${base}/camunda/app/tasklist/`);
    await page.locator('input[type=password]').waitFor({ timeout: 60000 });
    await page.waitForTimeout(1500);
    await page.locator('input[type=text]').fill(user);
    await page.locator('input[type=password]').fill('demo');
    await activate(page.getByRole('button', { name: 'Log in' }));
    try {
      await page.getByText('Start process').first().waitFor();
    } catch (e) {
      await page.screenshot({ path: `${shots}/login-${user}.png` });
      throw e;
    }
    return { context, page };
  }

  // form-js debounces input and re-renders on each change: a field typed while the previous one's
  // update is pending can lose its value. Fill one field at a time and let each settle.
  async function fillField(page, label, value) {
    const field = page.getByLabel(label).first();
    await field.fill(value);
    await field.press('Tab');
    await page.waitForTimeout(400);
  }

  // A people picker (a searchable select filled by HITGov's Tasklist script from /api/people): type part of
  // the name, then pick the person from the list, as a user does. Options are shown as "First Last (id)".
  async function pickPerson(page, label, name) {
    const input = page.getByLabel(label).first();
    await input.click();
    await input.fill(name);
    // form-js picks an item on mousedown (a click's mousedown is lost to the input's blur here).
    await page.locator('.fjs-dropdownlist-item', { hasText: name }).first().dispatchEvent('mousedown');
    await page.waitForTimeout(400);
  }

  // Opens a task from the landing filter (my tasks and my groups' tasks), claims it if needed, fills it and completes it.
  // HITGov's filters do not auto-refresh (it would defeat the idle logoff): a task the list does not
  // show yet is looked for again by reloading the page, as a user would.
  async function completeGroupTask(user, taskName, fill, shot) {
    const { context, page } = await loggedIn(user);
    await activate(page.getByText("My tasks and my groups' tasks").first());
    const task = page.getByText(taskName, { exact: true }).first();
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await task.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
        break;
      }
      await page.reload();
      await activate(page.getByText("My tasks and my groups' tasks").first());
    }
    await activate(task);
    await fill(page);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${shots}/${shot}.png` });
    const claim = page.getByRole('button', { name: 'Claim' });
    if (await claim.count()) {
      await activate(claim.first());
    }
    const completed = page.waitForResponse(r => /\/task\/[^/]+\/(submit-form|complete)$/.test(new URL(r.url()).pathname));
    await activate(page.getByRole('button', { name: 'Complete' }));
    const response = await completed;
    if (!response.ok()) {
      throw new Error(`completing ${taskName} as ${user}: ${response.status()} ${await response.text()}`);
    }
    await page.getByText(taskName, { exact: true }).first().waitFor({ state: 'detached' });
    await context.close();
  }

  // Runs the check; on failure screenshots every open page and exits non-zero.
  async function run(check) {
    try {
      await check();
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
  }

  return { activate, loggedIn, fillField, pickPerson, completeGroupTask, run };
}
