// Real-browser check of project-aware tasks in Camunda Tasklist with several projects running:
// maria, project manager of one of them, lands on "My tasks and my groups' tasks" without a click
// and sees exactly her project's deliverables, named with the project id, assigned to her, with a
// due date and a description; irene, who requested a change, does not see its approval task for
// her own group (integration), while ivan, her colleague, does.
// Usage: node tasklist-my-projects.mjs <baseUrl> <projectIds: mine,other1,other2> <screenshotDir> <changeRequestId>
import { tasklist } from './tasklist.mjs';

const [base, projectList, shots = 'target/browser', changeId] = process.argv.slice(2);
const [mine, ...others] = projectList.split(',');
const { activate, loggedIn, run } = await tasklist(base, shots);
const LANDING = "My tasks and my groups' tasks";

// The task list as it shows after login: the names of its entries (no filter clicked).
async function listedTaskNames(page, expectedName) {
  const entry = page.locator('.tasks-list li.task').filter({ hasText: expectedName }).first();
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await entry.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
      break;
    }
    await page.reload();
  }
  await entry.waitFor();
  return page.locator('.tasks-list li.task h4.task').allInnerTexts();
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

await run(async () => {
  // 1. maria: her two P0 deliverables, in the landing filter, and nothing of the other projects
  const pm = await loggedIn('maria');
  const charter = `${mine} · P0 · Draft project charter and goals`;
  const names = await listedTaskNames(pm.page, charter);
  await pm.page.screenshot({ path: `${shots}/my-projects-1-landing-maria.png` });
  const focused = await pm.page.locator('.task-filter.active h4.name').innerText();
  check(focused.includes(LANDING), `Tasklist opened "${focused}", not "${LANDING}"`);
  check(names.some(n => n.includes(`${mine} · P0 · Assess organizational readiness`)), `readiness task missing: ${names}`);
  for (const other of others) {
    check(!names.some(n => n.includes(other)), `maria sees a task of ${other}: ${names}`);
  }
  check(names.every(n => n.includes(' · ')), `a task without project id: ${names}`);
  const card = pm.page.locator('.tasks-list li.task').filter({ hasText: charter }).first();
  const cardText = await card.innerText();
  check(/due/i.test(cardText), `no due date on the card: ${cardText}`);
  // the task: assigned to her (no Claim button), its description says what "done" means
  await activate(card.locator('a').first());
  await pm.page.getByText(charter).first().waitFor();
  check(await pm.page.getByRole('button', { name: 'Claim' }).count() === 0, 'the deliverable is not assigned to maria');
  await activate(pm.page.getByText('Description', { exact: true }).first());
  await pm.page.getByText('Done when:').first().waitFor();
  await pm.page.screenshot({ path: `${shots}/my-projects-2-description.png` });
  await pm.context.close();

  // 2. irene requested the change: its integration approval is not in her list
  const requester = await loggedIn('irene');
  await requester.page.waitForTimeout(3000);
  const ireneSees = await requester.page.locator('.tasks-list li.task h4.task').allInnerTexts();
  await requester.page.screenshot({ path: `${shots}/my-projects-3-requester.png` });
  check(!ireneSees.some(n => n.includes(changeId)), `irene sees her own change's task: ${ireneSees}`);
  await requester.context.close();

  // 3. ivan, the other integration lead, gets it
  const colleague = await loggedIn('ivan');
  const ivanSees = await listedTaskNames(colleague.page, `${changeId}: decide as integration`);
  await colleague.page.screenshot({ path: `${shots}/my-projects-4-approver.png` });
  check(ivanSees.some(n => n.startsWith(`${mine} · ${changeId}: decide as integration`)), `ivan: ${ivanSees}`);
  await colleague.context.close();
});
