/**
 * End-to-end: the real server on 127.0.0.1 (ephemeral port) and the workbench in headless Debian
 * Chromium driven by playwright-core. Submits the canonical case, checks the trust badge is
 * highlighted, opens a finding, walks findings by keyboard, rates a claim, exports ClaimReview, and
 * renders hostile content as text. With FACTLENS_SCREENSHOTS=1 it also writes docs/screenshots/*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadServices } from '../../src/services.js';
import { createHandler } from '../../src/http/handler.js';
import { type RunningServer, startServer } from '../../src/http/server.js';
import { openWorkbenchDb, type WorkbenchDb } from '../../src/http/workbench-db.js';
import { missingClaimReviewFields } from '../../src/report/claimreview.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { CorpusStore } from '../../src/store/types.js';
import { HOSTILE_TEXT, SAMPLE_TEXT } from '../fixtures/reports/sample-report.js';

const CHROMIUM = '/usr/bin/chromium';
const CANONICAL = fileURLToPath(new URL('../../../shared/examples/pentagon-isis-2015.txt', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const isScreenshotRun = process.env.FACTLENS_SCREENSHOTS === '1';
const LAPTOP = { width: 1366, height: 860 };
const PHONE = { width: 390, height: 844 };

const skipBrowser = existsSync(CHROMIUM) ? false : `SKIPPED: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`;
const skipCanonical = existsSync(CANONICAL)
  ? false
  : 'SKIPPED: the canonical article ../shared/examples/pentagon-isis-2015.txt is not present next to the repo';

describe('workbench in a real browser', { skip: skipBrowser, timeout: 90_000 }, () => {
  let server: RunningServer;
  let db: WorkbenchDb;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  let reportId = '';
  let store: CorpusStore;
  const corpusDir = mkdtempSync(join(tmpdir(), 'factlens-e2e-corpus-'));

  /** A small corpus built at test time: an earlier wire story reusing part of the article, and a fact-check of its headline. */
  async function buildCorpus(): Promise<CorpusStore> {
    const corpus = openSqliteStore(join(corpusDir, 'corpus.db'), { create: true });
    if (!skipCanonical) {
      const paragraphs = readFileSync(CANONICAL, 'utf8').split('\n\n');
      await corpus.addDocuments([
        {
          id: 'wire-1',
          title: 'Carter warns Russia over Syria strikes',
          url: 'https://wire.example.org/carter-russia-syria',
          publishedAt: '2015-10-07',
          text: ['Carter warns Russia over Syria strikes', ...paragraphs.slice(3, 6)].join('\n\n'),
        },
      ]);
    }
    await corpus.addFactChecks([
      {
        claim: 'The Pentagon threatened to thwart Russia’s attempt to destroy ISIS',
        rating: 'Misleading',
        verdict: 'mostly-false',
        reviewer: 'Example Fact Desk',
        reviewDate: '2015-10-23',
        url: 'https://checks.example.org/pentagon-thwart',
      },
    ]);
    return corpus;
  }

  before(async () => {
    db = openWorkbenchDb(':memory:');
    store = await buildCorpus();
    const services = await loadServices({ env: {}, cwd: process.cwd() });
    const handler = createHandler({ db, requireTokenForWrites: false, services: { ...services.services, store }, corpus: store });
    server = await startServer({ handler, host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
    // Everything the page loads must come from the test server on loopback.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === server.url || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
      pageErrors.push(`blocked request to ${url.href}`);
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // An API answer with an error status is logged by the browser; the tests expect some of those.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded with a status of')) {
        pageErrors.push(`console: ${m.text()}`);
      }
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
    await store?.close();
    rmSync(corpusDir, { recursive: true, force: true });
  });

  async function shoot(name: string, options: { viewport?: typeof LAPTOP; toTop?: boolean } = {}): Promise<void> {
    if (!isScreenshotRun) return;
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.setViewportSize(options.viewport ?? LAPTOP);
    if (options.toTop) await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
  }

  it('serves the workbench under a strict CSP', async () => {
    const res = await page.goto(`${server.url}/`);
    assert.equal(res?.status(), 200);
    assert.match(res?.headers()['content-security-policy'] ?? '', /default-src 'none'; script-src 'self'/);
    await page.waitForSelector('#in-text');
    assert.deepEqual(await Promise.all(['#panel-text', '#panel-url', '#panel-file'].map((p) => page.isVisible(p))), [true, false, false]);
    await page.click('#tab-url');
    assert.deepEqual(await Promise.all(['#panel-text', '#panel-url', '#panel-file'].map((p) => page.isVisible(p))), [false, true, false]);
    await page.click('#tab-text');
    await shoot('check-form-laptop');
  });

  it('checks the canonical case and highlights the trust badge', { skip: skipCanonical }, async () => {
    await page.goto(`${server.url}/`);
    await page.fill('#in-text', readFileSync(CANONICAL, 'utf8'));
    await page.click('summary:has-text("Options")');
    await page.fill('#in-published', '2015-10-21');
    await page.click('#check-submit');
    await page.waitForURL(/#\/reports\/[A-Za-z0-9_-]+$/);
    reportId = new URL(page.url()).hash.split('/')[2]!;
    const badge = page.locator('mark.a-trust-badge');
    await badge.first().waitFor();
    assert.equal(await badge.count(), 1);
    assert.equal(await badge.textContent(), 'Fact checked');
    assert.match((await badge.getAttribute('class')) ?? '', /\bsev-problem\b/);
    const background = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the badge is visibly highlighted');
    const matches = (await page.locator('.source-card li').allTextContents()).join('\n');
    assert.match(matches, /Example Fact Desk rated a matching claim "Misleading"/);
    assert.match(matches, /appeared earlier, on 2015-10-07, at wire\.example\.org/);
    await shoot('report-laptop', { toTop: true });
  });

  it('opens a finding from the article and walks findings with the keyboard', { skip: skipCanonical }, async () => {
    await page.click('mark.a-trust-badge');
    const selected = page.locator('.finding.is-selected');
    await selected.waitFor();
    assert.match((await selected.textContent()) ?? '', /Self-declared trust label "Fact checked"/);
    assert.ok(await selected.locator('.finding-body').isVisible(), 'its explanation and evidence are shown');
    assert.match((await selected.locator('.explanation').textContent()) ?? '', /ClaimReview/);
    assert.match((await page.locator('mark.is-active').first().textContent()) ?? '', /Fact checked/);
    // j/k and the arrow keys move along the panel's order (problems first, then warnings, then the rest).
    const panel = (await page.locator('.finding').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-index')))).map(Number);
    const position = async () => panel.indexOf(Number(await page.locator('.finding.is-selected').getAttribute('data-index')));
    const start = await position();
    assert.ok(start >= 0 && start + 2 < panel.length);
    await page.keyboard.press('j');
    assert.equal(await position(), start + 1);
    await page.keyboard.press('ArrowDown');
    assert.equal(await position(), start + 2);
    await page.keyboard.press('k');
    assert.equal(await position(), start + 1);
    await page.keyboard.press('ArrowUp');
    assert.equal(await position(), start);
    // Keyboard focus on a highlight opens its finding too.
    const other = page.locator('mark[data-findings][tabindex="0"]').nth(3);
    const expected = (await other.getAttribute('data-findings'))!.split(' ')[0];
    await other.focus();
    assert.equal(await page.locator('.finding.is-selected').getAttribute('data-index'), expected);
    const severities = await page.locator('.finding .chip').allTextContents();
    const rank = { problem: 0, warning: 1, info: 2 } as Record<string, number>;
    assert.deepEqual(severities, [...severities].sort((a, b) => rank[a]! - rank[b]!), 'problems first');
    await shoot('finding-open-laptop');
  });

  it('keeps keyboard stops to words, and reaches the findings panel by a skip link', { skip: skipCanonical }, async () => {
    await page.goto(`${server.url}/#/reports/${reportId}`);
    await page.locator('mark.a-trust-badge').waitFor();
    // one stop per finding, on a run with a letter or digit: never a lone quotation mark or comma
    const stops = await page.locator('#article mark[tabindex="0"]').allTextContents();
    assert.ok(stops.length > 5);
    assert.deepEqual(stops.filter((t) => !/[\p{L}\p{N}]/u.test(t)), []);
    assert.ok((await page.locator('#article mark[data-findings]').count()) > stops.length, 'every run of a finding still opens it on a click');
    // the second Tab press reaches "Skip to findings"; it moves focus into the panel without leaving the report
    await page.reload();
    await page.locator('mark.a-trust-badge').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to findings');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'findings');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.finding-list')?.id), 'findings');
    assert.match(page.url(), new RegExp(`#/reports/${reportId}$`), 'still on the report');
  });

  it('colours each speaker differently', { skip: skipCanonical }, async () => {
    const swatches = await page.locator('.legend-row.speakers .swatch').evaluateAll((els) =>
      els.map((e) => `${e.className} ${getComputedStyle(e).backgroundImage} ${getComputedStyle(e).backgroundColor}`));
    const colours = swatches.filter((s) => /\bspk\d\b/.test(s)).map((s) => s.split(' ').slice(2).join(' '));
    assert.ok(colours.length >= 5);
    assert.equal(new Set(colours).size, colours.length, `distinct speaker colours: ${colours.join(' | ')}`);
  });

  it('rates a claim with a note and exports ClaimReview JSON-LD', { skip: skipCanonical }, async () => {
    await page.click('mark.a-trust-badge');
    await page.click('#tab-claims');
    const headline = page.locator('.claim').first();
    assert.equal(await headline.locator('.claim-label').textContent(), 'Headline');
    await headline.locator('textarea.note').fill('No Pentagon statement mentions thwarting an attempt to destroy ISIS.');
    // the rating group is one tab stop; arrow keys move the rating within it (and leave the findings alone)
    const selectedFinding = await page.locator('.finding.is-selected').getAttribute('data-index');
    assert.deepEqual(await headline.locator('button.rate').evaluateAll((bs) => bs.map((b) => b.getAttribute('tabindex'))), ['0', '-1', '-1', '-1', '-1']);
    await headline.locator('button.rate-1').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Mostly false');
    assert.deepEqual(await headline.locator('button.rate').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-checked'))), ['false', 'true', 'false', 'false', 'false']);
    assert.equal(await page.locator('.finding.is-selected').getAttribute('data-index'), selectedFinding);
    await headline.locator('.status', { hasText: 'Saved' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.claim .status')?.textContent?.startsWith('Saved'));
    await page.waitForTimeout(200);
    const stored = await db.listReviews(reportId);
    assert.deepEqual(stored.map((r) => [r.rating, r.claim]), [[2, 'Pentagon Threaten To Thwart Russia’s Attempt To Destroy ISIS']]);
    assert.equal(stored[0]!.note, 'No Pentagon statement mentions thwarting an attempt to destroy ISIS.');
    await headline.locator('button.search-corpus').click();
    await headline.locator('.corpus-hits li', { hasText: 'Example Fact Desk' }).waitFor();
    await page.fill('#export-org', 'Harbour Fact Desk');
    // Without the public review page there is nothing to publish: the workbench asks for it.
    await page.click('#export-claimreview');
    await page.locator('#alert', { hasText: 'review page URL' }).waitFor();
    assert.equal(await page.isVisible('#claimreview-output'), false);
    await page.fill('#export-review-url', 'http://127.0.0.1:8787/#/reports/x');
    await page.click('#export-claimreview');
    await page.locator('#alert', { hasText: 'loopback' }).waitFor();
    assert.equal(await page.isVisible('#claimreview-output'), false);
    await page.fill('#export-review-url', 'https://factdesk.example/reviews/pentagon');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-claimreview')]);
    assert.equal(download.suggestedFilename(), `claimreview-${reportId}.jsonld`);
    const shown = JSON.parse((await page.locator('#claimreview-output').textContent()) ?? '{}') as Record<string, unknown>;
    assert.deepEqual(missingClaimReviewFields(shown), []);
    assert.equal(shown['@type'], 'ClaimReview');
    assert.equal(shown.claimReviewed, 'Pentagon Threaten To Thwart Russia’s Attempt To Destroy ISIS');
    assert.deepEqual(shown.author, { '@type': 'Organization', name: 'Harbour Fact Desk' });
    assert.equal(shown.url, 'https://factdesk.example/reviews/pentagon');
    assert.equal((shown.reviewRating as { alternateName: string }).alternateName, 'Mostly false');
    if (isScreenshotRun) {
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        document.querySelector('.report-side')?.scrollTo(0, 0);
      });
      await shoot('claims-laptop');
      await page.locator('#claimreview-output').scrollIntoViewIfNeeded();
      await shoot('claimreview-export-laptop');
    }
  });

  it('opens the standalone HTML report, whose highlights explain themselves on focus and hover', { skip: skipCanonical }, async () => {
    const res = await page.goto(`${server.url}/v1/reports/${reportId}/render?format=html`);
    assert.match(res?.headers()['content-security-policy'] ?? '', /^default-src 'none'; style-src 'sha256-/);
    const badge = page.locator('mark.hl', { hasText: 'Fact checked' });
    const link = page.locator('a.hl-link', { has: badge });
    const tip = () => badge.evaluate((el) => getComputedStyle(el, '::after').content);
    await page.mouse.move(0, 0);
    assert.equal(await tip(), 'none', 'no tip before focus');
    await link.focus();
    assert.match(await tip(), /Self-declared trust label/);
    await shoot('standalone-report-laptop');
    await link.evaluate((el) => (el as HTMLElement).blur());
    assert.equal(await tip(), 'none', 'the tip goes with the focus');
    await badge.hover();
    assert.match(await tip(), /Self-declared trust label/);
    // a click on a highlight opens its finding
    await badge.click();
    assert.match(page.url(), /#finding-\d+$/);
    assert.match((await page.locator(':target h3').textContent()) ?? '', /Self-declared trust label "Fact checked"/);
    // the skip link is the first stop; the legend sits right above the article it explains
    await page.goto(`${server.url}/v1/reports/${reportId}/render?format=html`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#findings');
    assert.equal(await page.locator('section.legend + section.article').count(), 1);
    const stops = await page.locator('section.article a.hl-link:not([tabindex="-1"]), section.article mark[tabindex="0"]').allTextContents();
    assert.deepEqual(stops.filter((t) => !/[\p{L}\p{N}]/u.test(t)), [], 'no stop on a lone quotation mark');
  });

  it('keeps the standalone report’s tips on screen at the right edge of a phone', { skip: skipCanonical }, async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/v1/reports/${reportId}/render?format=html`);
    // the highlight that reaches furthest right, hovered at its right end
    const point = await page.evaluate(() => {
      let best: { x: number; y: number; right: number } | undefined;
      for (const m of Array.from(document.querySelectorAll('section.article mark.hl'))) {
        for (const r of Array.from(m.getClientRects())) if (!best || r.right > best.right) best = { x: r.right - 2, y: r.top + r.height / 2 + window.scrollY, right: r.right };
      }
      return best!;
    });
    await page.evaluate((y) => window.scrollTo(0, y - 300), point.y);
    const y = await page.evaluate((py) => py - window.scrollY, point.y);
    await page.mouse.move(point.x, y);
    const hovered = await page.evaluate(() => Array.from(document.querySelectorAll('mark.hl:hover')).length);
    assert.ok(hovered > 0, 'a highlight is hovered');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the tip stays inside the page (overflow ${overflow}px)`);
    await page.setViewportSize(LAPTOP);
  });

  it('is readable on a phone', { skip: skipCanonical }, async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/#/reports/${reportId}`);
    await page.reload();
    await page.locator('mark.a-trust-badge').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    await shoot('report-phone', { viewport: PHONE, toTop: true });
    const sheet = page.locator('#finding-sheet');
    assert.equal(await sheet.isVisible(), false);
    await page.locator('mark.a-trust-badge').click();
    await sheet.waitFor({ state: 'visible' });
    assert.match((await sheet.textContent()) ?? '', /Self-declared trust label "Fact checked"/);
    await shoot('finding-open-phone', { viewport: PHONE });
    await sheet.locator('button', { hasText: 'Next' }).click();
    assert.doesNotMatch((await sheet.textContent()) ?? '', /Self-declared trust label/, 'Next moves to the following finding');
    await page.setViewportSize(LAPTOP);
  });

  it('lists past checks with search and filters', async () => {
    if (skipCanonical) {
      // without the canonical case no earlier test stored a check: store the bundled example
      const text = readFileSync(fileURLToPath(new URL('../../examples/aegean-standoff.txt', import.meta.url)), 'utf8');
      const res = await fetch(`${server.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      assert.equal(res.status, 201);
    }
    await page.goto(`${server.url}/#/reports`);
    await page.locator('.report-row').first().waitFor();
    const before = await page.locator('.report-row').count();
    assert.ok(before >= 1);
    await page.fill('#search-q', 'zzqx-nothing');
    await page.locator('.count', { hasText: 'No checks match.' }).waitFor();
    if (!skipCanonical) {
      await page.fill('#search-q', 'pentagon');
      await page.locator('.count', { hasText: /^1 check$/ }).waitFor();
      await page.fill('#search-q', '');
      await page.selectOption('#filter-reviewed', 'true');
      await page.locator('.count', { hasText: /^1 check$/ }).waitFor();
      if (isScreenshotRun) {
        // A fuller list for the pictures: two more checks, no filter.
        for (const text of [SAMPLE_TEXT, 'Bridge Opens in Spring\n\nThe city council said on Monday that the new bridge over the river would open to traffic in April, two months later than planned.\n']) {
          await fetch(`${server.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
        }
        await page.selectOption('#filter-reviewed', '');
        await page.locator('.report-row').nth(2).waitFor();
        await shoot('past-checks-laptop');
        await shoot('past-checks-phone', { viewport: PHONE });
        await page.setViewportSize(LAPTOP);
      }
    }
  });

  it('checks an uploaded HTML file, and shows a refused URL as an error', async () => {
    await page.goto(`${server.url}/`);
    await page.click('#tab-file');
    const paragraphs = SAMPLE_TEXT.split('\n\n').slice(1).map((p) => `<p>${p}</p>`).join('');
    const html = `<!DOCTYPE html><html><head><title>Ministers Clash Over Harbour Plan</title><meta name="author" content="Jo Writer"></head><body><article><h1>Ministers Clash Over Harbour Plan</h1>${paragraphs}</article></body></html>`;
    await page.setInputFiles('#in-file', { name: 'harbour.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    await page.click('#check-submit');
    await page.waitForURL(/#\/reports\/[A-Za-z0-9_-]+$/);
    await page.locator('.report-title').waitFor();
    assert.equal(await page.locator('.report-title').textContent(), 'Ministers Clash Over Harbour Plan');
    assert.match((await page.locator('.source-card').textContent()) ?? '', /Inputhtml/);
    await page.goto(`${server.url}/#/`);
    await page.click('#tab-url');
    await page.fill('#in-url', 'http://127.0.0.1:9/story');
    await page.click('#check-submit');
    const alert = page.locator('#alert');
    await alert.waitFor({ state: 'visible' });
    assert.match((await alert.textContent()) ?? '', /\[fetch-blocked\]/);
    assert.doesNotMatch((await alert.textContent()) ?? '', /--[a-z]/, 'no command-line flag for a browser user');
    assert.match(page.url(), /#\/$/, 'stays on the form');
  });

  it('renders hostile title, byline and body as text: nothing executes', async () => {
    const res = await fetch(`${server.url}/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: HOSTILE_TEXT, source: '<img src=x onerror=alert(31)>' }),
    });
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    await page.goto(`${server.url}/#/reports/${id}`);
    await page.locator('#article .b-headline').waitFor();
    assert.match((await page.locator('#article .b-headline').textContent()) ?? '', /<script>alert\(1\)<\/script>/);
    assert.match((await page.locator('.source-card').textContent()) ?? '', /<img src=x onerror=alert\(31\)>/);
    const injected = await page.evaluate(() => ({
      elements: document.querySelectorAll('#app script, #app img, #app svg, #app iframe, #app [onerror], #app [onload], #app [onmouseover]').length,
      scriptUrls: Array.from(document.querySelectorAll('#app a')).filter((a) => /^javascript:/i.test(a.getAttribute('href') ?? '')).length,
    }));
    assert.deepEqual(injected, { elements: 0, scriptUrls: 0 });
    await page.goto(`${server.url}/#/reports`);
    await page.locator('.report-row').first().waitFor();
    await page.goto(`${server.url}/v1/reports/${id}/render?format=html`);
    assert.equal(await page.locator('script, img, svg, iframe').count(), 0);
    assert.deepEqual(dialogs, [], 'no alert() ran');
  });

  it('raised no page errors and made no request beyond the test server', () => {
    assert.deepEqual(pageErrors, []);
  });
});
