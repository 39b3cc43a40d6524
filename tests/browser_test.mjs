// Opens out/html/smtp-codes.html in headless Chromium and uses it as a reader
// would: checks every row against the CSVs (read here, not from the page or
// the JSON), filters by code, symbol and words and compares the rows left with
// the rows the CSVs say should be left, clears the filter, follows anchors,
// reads the page without script, and fails on any console error, page error
// or request that leaves the file. Saves screenshots under tests/build/.
//
// usage: node tests/browser_test.mjs [HTML [REPLIES_CSV REASONS_CSV]]
// (from the repository root; needs `make deps` for playwright-core)
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [htmlPath = 'out/html/smtp-codes.html', repliesPath = 'data/smtp-replies.csv',
       reasonsPath = 'data/smtp-reasons.csv'] = process.argv.slice(2);
const shotDir = 'tests/build';
const pageUrl = pathToFileURL(resolve(htmlPath)).href;

let checks = 0;
const failures = [];
function check(ok, what) {
  checks++;
  if (!ok)
    failures.push(what);
}

// RFC 4180 CSV, as data/README.md describes it: quotes only where needed,
// doubled inside quoted fields, LF line ends. Returns objects keyed by header.
function readCsv(path) {
  const text = readFileSync(path, 'utf8');
  const records = [];
  let record = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const replies = readCsv(repliesPath);
const reasons = readCsv(reasonsPath);
const replyByCode = new Map(replies.map((r) => [r.code, r]));
const allIds = [...replies.map((r) => `reply-${r.name}`), ...reasons.map((r) => `reason-${r.name}`)];
const total = allIds.length;

// The filter's documented rule, written again from the CSVs: a term of one
// to three digits matches a code by its leading digits, any other term the
// symbol or description, ignoring case; every term must match.
function expectedIds(query) {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const keep = (code, text) => terms.every((t) =>
    /^[0-9]{1,3}$/.test(t) ? code.startsWith(t) : text.toLowerCase().includes(t));
  return [
    ...replies.filter((r) => keep(r.code, r.description)).map((r) => `reply-${r.name}`),
    ...reasons.filter((r) => keep(r.code, `${r.symbol}\n${r.description}`)).map((r) => `reason-${r.name}`),
  ];
}

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                    '--disable-component-update'];
const profiles = [];

// Each context gets a fresh profile of its own and reports every console
// error, page error and request for anything but the file itself.
async function openContext(options, label) {
  const profile = mkdtempSync(join(tmpdir(), 'smtpgen-chromium-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, ...options,
  });
  context.on('page', (p) => watch(p, label));
  for (const p of context.pages())
    watch(p, label);
  return context;
}

function watch(page, label) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      check(false, `${label}: console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => check(false, `${label}: page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(pageUrl.split('#')[0]) && !url.startsWith('data:'))
      check(false, `${label}: request leaves the file: ${url}`);
  });
}

async function visibleIds(page) {
  return page.$$eval('tbody tr', (rows) => rows.filter((tr) => {
    const box = tr.getBoundingClientRect();
    return !tr.hidden && box.height > 0 && getComputedStyle(tr).display !== 'none';
  }).map((tr) => tr.id));
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function expectFilter(page, query, label) {
  const want = expectedIds(query);
  const got = await visibleIds(page);
  check(sameList(got, want),
        `${label}: filter "${query}" shows [${got.join(' ')}], the CSVs say [${want.join(' ')}]`);
  const count = await page.textContent('#count');
  const wantCount = query.trim() ? `Showing ${want.length} of ${total} rows` : `Showing all ${total} rows`;
  check(count.includes(wantCount), `${label}: count reads "${count}", wanted "${wantCount}"`);
  check(await page.isHidden('#none') === (want.length !== 0),
        `${label}: the no-match note is ${want.length ? 'shown' : 'hidden'} with ${want.length} rows`);
  return want.length;
}

// True when the element's top is inside the viewport and below the sticky bar.
async function inView(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const bar = document.querySelector('.bar').getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= bar.bottom - 1 && box.bottom <= window.innerHeight;
  }, id);
}

// What a screen reader gets, from Chromium's own accessibility tree: the two
// tables keep their rows and row headers at every width, whatever the CSS.
async function checkAccessibility(page, label) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const roles = {};
  for (const n of nodes)
    if (n.role && !n.ignored)
      roles[n.role.value] = (roles[n.role.value] || 0) + 1;
  check(roles.table === 2 && roles.row === total + 2 && roles.rowheader === total,
        `${label}: the accessibility tree has ${roles.table} tables, ${roles.row} rows and `
        + `${roles.rowheader} row headers, wanted 2, ${total + 2} and ${total}`);
  check(roles.searchbox === 1 || label === 'no script',
        `${label}: the accessibility tree has ${roles.searchbox || 0} search boxes, wanted 1`);
}

async function checkRows(page, label) {
  const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => ({
    id: tr.id,
    code: tr.getAttribute('data-code'),
    head: tr.querySelector('th').textContent,
    link: tr.querySelector('td.code a') ? tr.querySelector('td.code a').getAttribute('href') : null,
    codeText: tr.querySelector('td.code') ? tr.querySelector('td.code').textContent : null,
    desc: tr.querySelector('.desc').textContent,
  })));
  check(sameList(rows.map((r) => r.id), allIds),
        `${label}: row ids are not one per CSV row in order: ${rows.map((r) => r.id).join(' ')}`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of replies) {
    const row = byId.get(`reply-${r.name}`);
    check(row && row.head === r.code && row.desc === r.description,
          `${label}: reply ${r.name} does not read ${r.code} "${r.description}"`);
  }
  for (const r of reasons) {
    const row = byId.get(`reason-${r.name}`);
    const reply = replyByCode.get(r.code);
    check(row && row.head === r.symbol && row.codeText === r.code && row.desc === r.description,
          `${label}: reason ${r.name} does not read ${r.symbol} ${r.code} "${r.description}"`);
    check(row && row.link === (reply ? `#reply-${reply.name}` : null),
          `${label}: reason ${r.name}'s code links to ${row && row.link}, wanted ${reply ? `#reply-${reply.name}` : 'no link'}`);
  }
  return rows;
}

async function main() {
  mkdirSync(shotDir, { recursive: true });
  const context = await openContext({ viewport: { width: 1280, height: 900 } }, 'desktop');
  const page = context.pages()[0] || await context.newPage();
  await page.goto(pageUrl);

  check(await page.getAttribute('html', 'lang') === 'en', 'the page has no lang="en"');
  await checkRows(page, 'desktop');
  await checkAccessibility(page, 'desktop');
  check(await page.isVisible('#filter'), 'the filter box is not shown with script on');
  check(await page.$eval('#filter', (el) => el.labels.length === 1 && el.labels[0].textContent.trim() !== ''),
        'the filter box has no label');
  check(await page.$$eval('thead th', (ths) => ths.every((th) => th.getAttribute('scope') === 'col')),
        'a column header lacks scope="col"');
  check(await page.$$eval('tbody th', (ths) => ths.every((th) => th.getAttribute('scope') === 'row')),
        'a row header lacks scope="row"');
  await expectFilter(page, '', 'desktop, at load');

  // Typed key by key, as a reader would: every keystroke filters.
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement.id === 'filter'), '"/" does not focus the filter');
  await page.keyboard.type('554');
  const n554 = await expectFilter(page, '554', 'desktop');
  check(n554 === replies.filter((r) => r.code === '554').length
        + reasons.filter((r) => r.code === '554').length, 'typing 554 leaves rows without code 554');
  check(n554 > 0, 'the CSVs have no row with code 554 to test with');

  await page.fill('#filter', '');
  await page.locator('#filter').pressSequentially('4XX_EINTERNAL');
  check(await expectFilter(page, '4XX_EINTERNAL', 'desktop') === 3, '4XX_EINTERNAL does not leave its 3 rows');
  await page.fill('#filter', '');
  await page.locator('#filter').pressSequentially('rate  CONTROL');
  await expectFilter(page, 'rate  CONTROL', 'desktop');
  await page.fill('#filter', '');
  await page.locator('#filter').pressSequentially('5');
  await expectFilter(page, '5', 'desktop');
  await page.locator('#filter').pressSequentially('x-no-such-text');
  check(await expectFilter(page, '5x-no-such-text', 'desktop') === 0, 'a query nothing matches shows rows');

  await page.keyboard.press('Escape');
  check(await page.inputValue('#filter') === '', 'Esc does not clear the filter');
  await expectFilter(page, '', 'desktop, cleared');

  // A reason's code links to its reply.
  const withReply = reasons.find((r) => r.code === '554' && replyByCode.has(r.code)) || reasons.find((r) => replyByCode.has(r.code));
  const replyId = `reply-${replyByCode.get(withReply.code).name}`;
  await page.click(`#reason-${withReply.name} td.code a`);
  check(await page.evaluate(() => location.hash) === `#${replyId}`, `the code link of ${withReply.name} does not go to #${replyId}`);
  check(await page.evaluate(() => document.querySelector(':target') && document.querySelector(':target').id) === replyId,
        `#${replyId} is not the target after following the link`);
  check(await inView(page, replyId), `#${replyId} is not in view after following the link`);

  // A link to a row the filter hides clears the filter and shows the row.
  const last = reasons[reasons.length - 1];
  const lastId = `reason-${last.name}`;
  const otherCode = replies.find((r) => r.code !== last.code).code;
  await page.fill('#filter', '');
  await page.locator('#filter').pressSequentially(otherCode);
  check(!(await visibleIds(page)).includes(lastId), `filter ${otherCode} still shows ${lastId}`);
  await page.evaluate((id) => { location.hash = id; }, lastId);
  await page.waitForFunction((id) => location.hash === `#${id}`, lastId);
  await page.waitForTimeout(50);
  check(await page.inputValue('#filter') === '', `following #${lastId} while it is filtered out keeps the filter`);
  check((await visibleIds(page)).includes(lastId), `#${lastId} is hidden after following a link to it`);
  check(await inView(page, lastId), `#${lastId} is not in view after following a link to it`);

  // A link opened from elsewhere lands on its row.
  const mid = reasons[Math.floor(reasons.length / 2)];
  await page.goto(`${pageUrl}#reason-${mid.name}`);
  check(await inView(page, `reason-${mid.name}`), `opening #reason-${mid.name} does not show that row`);

  await page.goto(pageUrl);
  await page.screenshot({ path: join(shotDir, 'smtp-codes.png'), fullPage: true });
  await context.close();

  // Phone size, dark scheme: the same rows, a readable width, no sideways scroll.
  const phone = await openContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
                                    isMobile: true, hasTouch: true, colorScheme: 'dark' }, 'phone');
  const phonePage = phone.pages()[0] || await phone.newPage();
  await phonePage.goto(pageUrl);
  await checkRows(phonePage, 'phone');
  await checkAccessibility(phonePage, 'phone');
  const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the phone page scrolls sideways by ${overflow}px`);
  const bg = await phonePage.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(bg !== 'rgb(255, 255, 255)', 'the dark scheme keeps a white background');
  await phonePage.fill('#filter', '554');
  await expectFilter(phonePage, '554', 'phone');
  await phonePage.fill('#filter', '');
  await phonePage.screenshot({ path: join(shotDir, 'smtp-codes-phone-dark.png') });
  await phone.close();

  // Without script the page still reads fully: every row shown, no dead form.
  const plain = await openContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false }, 'no script');
  const plainPage = plain.pages()[0] || await plain.newPage();
  await plainPage.goto(pageUrl);
  await checkRows(plainPage, 'no script');
  await checkAccessibility(plainPage, 'no script');
  check(sameList(await visibleIds(plainPage), allIds), 'without script some rows are hidden');
  check(await plainPage.isHidden('#filter'), 'without script the filter box is shown but cannot work');
  const staticCount = await plainPage.textContent('#count');
  check(staticCount.includes(`${replies.length} reply codes`) && staticCount.includes(`${reasons.length} reasons`),
        `without script the count reads "${staticCount}"`);
  await plain.close();
}

try {
  await main();
} catch (err) {
  failures.push(`aborted: ${err.stack || err}`);
} finally {
  for (const p of profiles)
    rmSync(p, { recursive: true, force: true });
}
if (failures.length) {
  for (const f of failures)
    console.error(`browser: FAIL ${f}`);
  console.error(`browser: ${failures.length} of ${checks} checks failed`);
  process.exit(1);
}
console.log(`browser: ${checks} checks passed (${total} rows; screenshots in ${shotDir}/)`);
