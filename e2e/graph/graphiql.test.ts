/**
 * The GraphQL IDE at GET /graphql (GraphiQL from npm, bundled into dist/dashboard/ by npm run
 * build) in Debian's Chromium against the whole stack: the page loads, its schema comes from the
 * server (the Docs panel shows a field's description), a query typed into the editor is POSTed
 * to /graphql and its answer — the graph's own — shows in the result pane. Every request the
 * page makes is recorded: none goes beyond loopback (no CDN, no web fonts), and no console error.
 * axe-core finds no serious or critical violation, as the page opens, with its Docs panel and a
 * result shown, and with two tabs and the variables editor open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { chromiumMissing, guardPage, isLocalUrl, launchChromium } from '../../report-renderer/chromium.js';
import { seriousAxeViolations } from '../testing/axe.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

const noChromium = chromiumMissing();
if (noChromium && !process.env.CI) console.warn(`[graphiql.test] skipping: ${noChromium}`);

describe.skipIf(noChromium !== null && !process.env.CI)('GraphQL IDE (GET /graphql in a browser)', () => {
  let stack: TestStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('runs a query typed into GraphiQL and shows the graph\'s answer, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const requests: { method: string; url: string }[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page: ${String(e)}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
    await guardPage(page); // a request beyond loopback is aborted (and recorded above)
    await page.goto(`${stack.app.url}/graphql`, { waitUntil: 'networkidle0' });
    expect(await page.title()).toBe('VRS · GraphQL IDE');
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    // accessibility: axe-core finds no serious or critical violation in the IDE as it opens
    expect(await seriousAxeViolations(page)).toEqual([]);

    // the schema came by introspection: the Docs panel lists the root types, and a field's description
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer');
    await page.waitForFunction("document.querySelector('.graphiql-doc-explorer').textContent.includes('Query')", { timeout: 30_000 });

    const query = 'query Layout { reportLayout { field chapterTitle } }';
    await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(query)})`);
    // GraphiQL takes the operation name from the editor (its tab's label) after an edit: run it once it has
    await page.waitForFunction("document.querySelector('.graphiql-tab-active')?.textContent.trim() === 'Layout'", { timeout: 30_000 });
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url() === `${stack.app.url}/graphql` && (r.postData() ?? '').includes('reportLayout'));
    await page.click('button.graphiql-execute-button');
    expect(JSON.parse((await posted).postData()!)).toMatchObject({ query, operationName: 'Layout' });
    const expected = (await stack.gql(query)).data;
    expect(expected.reportLayout.length).toBeGreaterThan(0);
    await page.waitForFunction("document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue().includes('reportLayout')", { timeout: 30_000 });
    const shown = (await page.evaluate("document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()")) as string;
    expect(JSON.parse(shown)).toEqual({ data: expected });
    // …nor with the Docs panel open and a result shown, nor with two tabs and the variables editor open
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.click('button.graphiql-tab-add');
    await page.waitForFunction("document.querySelectorAll('.graphiql-tab-button').length === 2");
    await page.click('.graphiql-editor-tools button');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // the tabs are a list of buttons, the active one aria-current (dashboard/src/graphiql/a11y.ts), following a switch
    const current = "[...document.querySelectorAll('.graphiql-tab-button')].map((b) => b.getAttribute('aria-current'))";
    expect(await page.evaluate(current)).toEqual([null, 'true']);
    await page.click('.graphiql-tab-button');
    await page.waitForFunction(`${current}.join() === 'true,'`);
    expect(await page.$$eval('.CodeMirror textarea', (t) => t.map((e) => e.getAttribute('aria-label')))).toEqual(expect.arrayContaining(['Query editor', 'Variables (JSON)', 'Request headers (JSON)', 'Result (read-only)']));

    const elsewhere = requests.filter((r) => !isLocalUrl(r.url));
    expect(elsewhere).toEqual([]);
    // everything came from this server: the page, its bundled assets, introspection and the query
    expect(requests.every((r) => r.url.startsWith(`${stack.app.url}/`) || r.url.startsWith('data:'))).toBe(true);
    expect(requests.some((r) => r.url.includes('/assets/graphiql-'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
