// Real-browser check of the "By project" filter's sorting in Camunda Tasklist: mike manages two projects, the one
// whose id sorts first was started first (so Tasklist's own default, newest first, would list the other one
// first). Selecting "By project" lists every task of the first project before any task of the second, and
// Tasklist's "Sort by" header shows the filter's stored sorting: the project variable, then the due date.
// Usage: node tasklist-by-project.mjs <baseUrl> <projectIds: first,second> <screenshotDir> <user>
import { tasklist } from './tasklist.mjs';

const [base, projectList, shots = 'target/browser', user = 'mike'] = process.argv.slice(2);
const projects = projectList.split(',');
const { activate, loggedIn, run } = await tasklist(base, shots);

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function projectOf(name) {
  return projects.find(projectId => name.startsWith(`${projectId} · `));
}

await run(async () => {
  const { page, context } = await loggedIn(user);
  await activate(page.locator('.task-filter h4.name').filter({ hasText: 'By project' }).first());
  await page.locator('.task-filter.active h4.name').filter({ hasText: 'By project' }).waitFor();
  // the filter's stored sorting is put into the URL and Tasklist reloads the list with it (up to 30 s: on a
  // loaded machine the reload once took longer than the 10 s this waited before)
  let names = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    await page.waitForTimeout(500);
    const sorting = new URL(page.url().replace('#/', '')).searchParams.get('sorting') || '';
    names = (await page.locator('.tasks-list li.task h4.task').allInnerTexts()).filter(projectOf);
    if (sorting.includes('processVariable') && names.length >= 4 && projectOf(names[0]) === projects[0]) {
      break;
    }
  }
  await page.screenshot({ path: `${shots}/by-project-1-sorted.png` });
  const order = names.map(projectOf);
  check(order.includes(projects[0]) && order.includes(projects[1]), `both projects' tasks listed: ${names}`);
  check(order.lastIndexOf(projects[0]) < order.indexOf(projects[1]),
    `"By project" lists ${projects[0]} before ${projects[1]}: ${names.join(' | ')}`);
  const header = await page.locator('[cam-sorting-choices]').innerText();
  check(/projectId/.test(header) && /due/i.test(header), `the "Sort by" header shows the stored sorting: ${header}`);
  await context.close();
});
