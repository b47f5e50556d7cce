// Real-browser check of the change approval form in Camunda Tasklist: a finance approver opens the approval
// of a routed change and reads it without knowing the rule codes: money with separators and currency, yes/no,
// labelled assessment, each routing reason with its rule's meaning, names instead of ids, the product name.
// Usage: node tasklist-change-approval.mjs <baseUrl> <projectId> <screenshotDir>
import { tasklist } from './tasklist.mjs';

const [base, projectId, shots = 'target/browser'] = process.argv.slice(2);
const { activate, loggedIn, run } = await tasklist(base, shots);

function expectText(text, wanted, what) {
  if (!text.includes(wanted)) {
    throw new Error(`${what}: "${wanted}" not shown; the form says: ${text.slice(0, 3000)}`);
  }
}

await run(async () => {
  const { page } = await loggedIn('fiona');
  if (!(await page.title()).startsWith('HITGov')) {
    throw new Error(`the browser title names HITGov, not "${await page.title()}"`);
  }
  await activate(page.getByText("My tasks and my groups' tasks").first());
  const task = page.getByText(new RegExp(`CR-${projectId}-1`)).first();
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await task.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
      break;
    }
    await page.reload();
    await activate(page.getByText("My tasks and my groups' tasks").first());
  }
  await activate(task);
  await page.getByText('Why you are asked').waitFor();
  await page.getByText('Decision').first().waitFor();
  await page.waitForTimeout(800);
  const form = await page.locator('.fjs-container').first().innerText();
  expectText(form, '40,000 USD', 'money with thousands separators and currency');
  expectText(form, 'Interfaces: yes', 'booleans as yes/no');
  expectText(form, 'Patient safety: no', 'booleans as yes/no');
  expectText(form, 'Scope: No scope change', 'enumerations as words');
  expectText(form, 'Change risk: Moderate', 'enumerations as words');
  expectText(form, 'C3: cost impact over 25,000 USD up to 100,000 USD needs finance', "the routing rule's meaning");
  expectText(form, 'C15: an interface change (HL7 v2, FHIR, vendor API) needs the integration lead', 'other approvers');
  expectText(form, 'Deciding as Finance', 'group ids as display names');
  expectText(form, '(irene)', 'the requester by name');
  expectText(form, 'Back-out plan: Disable the route', 'the plans as given');
  expectText(form, 'Test plan: none given', 'a plan left empty, not a blank line');
  for (const raw of ['[C3', 'true', 'false', 'MODERATE', 'finance:', 'criticalPath']) {
    if (form.includes(raw)) {
      throw new Error(`the form still shows the raw value "${raw}": ${form.slice(0, 3000)}`);
    }
  }
  if (/\d{4}-\d{2}-\d{2}T/.test(form)) {
    throw new Error(`the form shows an ISO timestamp: ${form.slice(0, 3000)}`);
  }
  await page.screenshot({ path: `${shots}/change-approval-form.png`, fullPage: true });
});
