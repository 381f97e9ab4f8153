/**
 * The GraphQL IDE at GET /graphql (GraphiQL from npm, bundled into dist/dashboard/ by npm run
 * build) in Debian's Chromium against the whole stack: the page loads, its schema comes from the
 * server (the Docs panel shows a field's description), a query typed into the editor is POSTed
 * to /graphql and its answer — the graph's own — shows in the result pane. Every request the
 * page makes is recorded: none goes beyond loopback (no CDN, no web fonts), and no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { chromiumMissing, guardPage, isLocalUrl, launchChromium } from '../../report-renderer/chromium.js';
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

    const elsewhere = requests.filter((r) => !isLocalUrl(r.url));
    expect(elsewhere).toEqual([]);
    // everything came from this server: the page, its bundled assets, introspection and the query
    expect(requests.every((r) => r.url.startsWith(`${stack.app.url}/`) || r.url.startsWith('data:'))).toBe(true);
    expect(requests.some((r) => r.url.includes('/assets/graphiql-'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
