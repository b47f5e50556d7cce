// Real-browser check of the implementation lifecycle in Camunda Tasklist: a PMO starts a project
// with the start form, the named project manager completes the P0 deliverables with the deliverable
// form and submits the G0 evidence pack (all assigned to her), and the named executive sponsor signs
// G0 with the review form. Usage: node tasklist-lifecycle.mjs <baseUrl> <projectId> <screenshotDir>
// Exits non-zero on any failure; TasklistBrowserTest checks the engine state afterwards.
import { tasklist } from './tasklist.mjs';

const [base, projectId, shots = 'target/browser'] = process.argv.slice(2);
const { activate, loggedIn, fillField, pickPerson, completeGroupTask, run } = await tasklist(base, shots);

async function deliverable(page, documentId) {
  await page.getByLabel('Deliverable document id').waitFor();
  await page.getByText(`${projectId}`).first().waitFor();
  await fillField(page, 'Deliverable document id', documentId);
  await fillField(page, 'Version', '1.0');
  await fillField(page, 'Summary', 'Reviewed with the clinical and IT leads');
}

await run(async () => {
  // 1. paula (pmo) starts the project with the start form
  const pmo = await loggedIn('paula');
  await activate(pmo.page.getByText('Start process').first());
  await activate(pmo.page.getByText('Implementation lifecycle'));
  await pmo.page.getByLabel('Project id').waitFor({ timeout: 60000 });
  await fillField(pmo.page, 'Project id', projectId);
  await fillField(pmo.page, 'Project name', 'Ambulatory EHR roll-out');
  // A go-live date four months on (the phases need at least 80 days): open the picker, go on, pick the month's last day.
  await pmo.page.getByLabel('Planned go-live date').first().focus();
  for (let month = 0; month < 4; month++) {
    await activate(pmo.page.locator('.flatpickr-calendar.open .flatpickr-next-month'));
  }
  await activate(pmo.page.locator('.flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)').last());
  await fillField(pmo.page, 'Approved budget (USD)', '2500000');
  // Sponsor and project manager are picked by name from their groups, not typed as ids.
  await pickPerson(pmo.page, 'Executive sponsor', 'Evelyn Sponsor');
  await pickPerson(pmo.page, 'Project manager', 'Maria Manager');
  await pmo.page.waitForTimeout(600);
  await pmo.page.screenshot({ path: `${shots}/lifecycle-1-start-form.png` });
  await activate(pmo.page.getByRole('button', { name: 'Start', exact: true }));
  await pmo.page.getByText('Start process: Implementation lifecycle').waitFor({ state: 'detached' });
  await pmo.context.close();

  // 2. maria (projectManagers) delivers the two P0 deliverables
  await completeGroupTask('maria', `${projectId} · P0 · Assess organizational readiness`, p => deliverable(p, 'DMS-READINESS-1'),
    'lifecycle-2-deliverable');
  await completeGroupTask('maria', `${projectId} · P0 · Draft project charter and goals`, p => deliverable(p, 'DMS-CHARTER-1'),
    'lifecycle-3-deliverable');

  // 3. maria, the project's manager, submits the G0 evidence pack, seeing the checklist
  await completeGroupTask('maria', `${projectId} · G0 evidence pack`, async page => {
    await page.getByLabel('Evidence references').waitFor();
    await page.getByText('Readiness assessment done').first().waitFor();
    await fillField(page, 'Evidence references', 'DMS-READINESS-1 v1.0\nDMS-CHARTER-1 v1.0');
  }, 'lifecycle-4-evidence-pack');

  // 4. evelyn, the project's executive sponsor, signs G0 with the review form
  await completeGroupTask('evelyn', `${projectId} · G0 review as executiveSponsor`, async page => {
    await page.getByText('Reviewing as').first().waitFor();
    await page.getByText('DMS-CHARTER-1 v1.0').first().waitFor();
    await activate(page.getByLabel('GO', { exact: true }));
    await fillField(page, 'Comment', 'Charter and goals are clear');
  }, 'lifecycle-5-review');
});
