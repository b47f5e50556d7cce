// Real-browser check: Camunda Tasklist renders HITGov's Camunda Forms and submits them.
// A PMO user starts a HIPAA audit gate with its start form, then a security officer completes the
// scope task with its form. Usage: node tasklist-hipaa-gate.mjs <baseUrl> <projectId> <screenshotDir>
// Exits non-zero on any failure; TasklistBrowserTest checks the engine state afterwards.
import { tasklist } from './tasklist.mjs';

const [base, projectId, shots = 'target/browser'] = process.argv.slice(2);
const { activate, loggedIn, run } = await tasklist(base, shots);

await run(async () => {
  // 1. paula (pmo) starts the gate with the start form
  const pmo = await loggedIn('paula');
  await activate(pmo.page.getByText('Start process').first());
  await activate(pmo.page.getByText('HIPAA audit gate'));
  await pmo.page.getByLabel('Project id').waitFor();
  await pmo.page.getByText('Walks the organization through every HIPAA Security Rule specification').waitFor();
  await pmo.page.getByLabel('Project id').fill(projectId);
  // Pick the last day of the month shown in form-js's date picker.
  await pmo.page.getByLabel('Go-live date').first().focus();
  await activate(pmo.page.locator('.flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)').last());
  await pmo.page.screenshot({ path: `${shots}/1-start-form.png` });
  await activate(pmo.page.getByRole('button', { name: 'Start', exact: true }));
  // The start dialog closes once the instance is started (it stays open with the server's error otherwise).
  await pmo.page.getByText('Start process: HIPAA audit gate').waitFor({ state: 'detached' });
  await pmo.page.screenshot({ path: `${shots}/2-started.png` });
  await pmo.context.close();

  // 2. simon (securityOfficer) opens the scope task from his landing filter and completes it
  const officer = await loggedIn('simon');
  await activate(officer.page.getByText("My tasks and my groups' tasks").first());
  await activate(officer.page.getByText(`${projectId} · HIPAA gate: define scope`).first());
  await officer.page.getByLabel('Systems in scope').waitFor();
  await officer.page.getByText(`Project ${projectId}`).first().waitFor();
  await officer.page.getByLabel('Systems in scope').fill('Inpatient EHR');
  await officer.page.getByLabel('Hosting').fill('Vendor-hosted cloud');
  await officer.page.getByLabel('ePHI data flows').fill('Registration to EHR');
  await officer.page.getByLabel('Business associates touching ePHI').fill('Acme Hosting');
  // form-js debounces text input: let the last field reach the form's state before completing.
  await officer.page.waitForTimeout(600);
  await officer.page.screenshot({ path: `${shots}/3-scope-form.png` });
  const claim = officer.page.getByRole('button', { name: 'Claim' });
  if (await claim.count()) {
    await activate(claim.first());
  }
  await activate(officer.page.getByRole('button', { name: 'Complete' }));
  // The completed task leaves the list.
  await officer.page.getByText('Define gate scope').first().waitFor({ state: 'detached' });
  await officer.page.screenshot({ path: `${shots}/4-scope-completed.png` });
  await officer.context.close();

  // 3. maria (projectManagers) raises a risk with the risk report form: select and number fields
  const manager = await loggedIn('maria');
  await activate(manager.page.getByText('Start process').first());
  await activate(manager.page.getByText('Risk escalation'));
  await manager.page.getByLabel('Title').waitFor();
  await manager.page.getByLabel('Project id').fill(projectId);
  await manager.page.getByLabel('Title').fill('Lab interface backlog at go-live');
  // form-js's select reacts to mouse-down: a real pointer click here (not element.click()).
  const categoryField = manager.page.locator('.fjs-form-field-select', { hasText: 'Category' });
  await categoryField.locator('.fjs-input-group').dispatchEvent('mousedown');
  await manager.page.locator('.fjs-dropdownlist-item', { hasText: 'Budget' }).first().dispatchEvent('mousedown');
  await categoryField.getByText('Budget').waitFor();
  await manager.page.getByLabel('Likelihood (1–5)').fill('2');
  await manager.page.getByLabel('Impact (1–5)').fill('3');
  // No owner: a project manager will assign one. form-js debounces text input: let the last
  // field reach the form's state before starting.
  await manager.page.waitForTimeout(600);
  await manager.page.screenshot({ path: `${shots}/5-risk-form.png` });
  await activate(manager.page.getByRole('button', { name: 'Start', exact: true }));
  await manager.page.getByText('Start process: Risk escalation').waitFor({ state: 'detached' });
  await manager.context.close();
});
