// Real-browser check of change requests in Camunda Tasklist: an integration lead raises a NORMAL
// change against an existing project with the start form, a project manager completes the impact
// assessment form. Usage: node tasklist-change-request.mjs <baseUrl> <projectId> <screenshotDir>
// Exits non-zero on any failure; TasklistBrowserTest checks the engine state afterwards.
import { tasklist } from './tasklist.mjs';

const [base, projectId, shots = 'target/browser'] = process.argv.slice(2);
const { activate, loggedIn, fillField, completeGroupTask, run } = await tasklist(base, shots);

async function deliverable(page, documentId) {
  await page.getByLabel('Deliverable document id').waitFor();
  await page.getByText(`${projectId}`).first().waitFor();
  await fillField(page, 'Deliverable document id', documentId);
  await fillField(page, 'Version', '1.0');
  await fillField(page, 'Summary', 'Reviewed with the clinical and IT leads');
}

await run(async () => {
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
  await completeGroupTask('mike', `${projectId} · CR-${projectId}-1: assess impact`, async page => {
    await page.getByLabel('Implementation plan').waitFor();
    await page.getByText('Add microbiology results interface').first().waitFor();
    await activate(page.getByLabel('No scope change'));
    await activate(page.getByLabel('Moderate', { exact: true }));
    await fillField(page, 'Implementation plan', 'Deploy the new route in the Tuesday window');
    await fillField(page, 'Back-out plan', 'Disable the route');
  }, 'change-2-assessment');
});
