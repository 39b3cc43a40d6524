// Opens out/html/smtp-codes.html in headless Chromium and uses it as a reader
// would: checks every row against the CSVs (read here, not from the page or
// the JSON), with the cross-links between reply rows and enhanced codes;
// filters by reply code, enhanced code (5.7.1, X.7.1, 7.1, X.7.X), symbol
// and words and compares the rows left, the subject headings shown and the
// count line with what the CSVs say; clears the filter, follows anchors and
// cross-links (landing on the row as :target, clearing a filter that hides
// it), reads the page without script, and fails on any console error, page
// error or request that leaves the file. Saves screenshots under tests/build/.
//
// Then the table history (the optional CSV columns since, deprecated,
// replaced_by, aliases), on this page and on one that $SMTPGEN (default
// gen/smtpgen) makes from tests/cases/custom-table into a temporary folder:
// each row's marks and its "deprecated" class against its CSV row; ticking
// "Hide deprecated rows" hides exactly the rows the CSVs' deprecated column
// names (by name), and their subject headings when nothing else is left,
// with the count line saying so; the filter still works while it is ticked
// (the rows it leaves, less the deprecated ones); unticking shows them all
// again; a link to a hidden deprecated row unticks it; an alias's anchor
// (the row's id under its earlier name) lands on the row; without script
// the box is not shown.
//
// usage: node tests/browser_test.mjs [HTML [REPLIES_CSV REASONS_CSV [ENHANCED_CSV SUBCODES_CSV]]]
// (from the repository root; needs `make deps` for playwright-core)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [htmlPath = 'out/html/smtp-codes.html', repliesPath = 'data/smtp-replies.csv',
       reasonsPath = 'data/smtp-reasons.csv', enhancedPath = 'data/smtp-enhanced.csv',
       subcodesPath = 'data/smtp-enhanced-subcodes.csv'] = process.argv.slice(2);
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

const codeOf = (e) => `X.${e.subject}.${e.detail}`;
const basicOf = (e) => e.basic_codes.split(' ').filter(Boolean);

// The history marks of a row, from its optional columns (any may be
// absent), as [class, text, id] in page order: "Since V.", "Deprecated in
// V; use NAME." (an enhanced code's replacement as X.S.D (NAME); no "use"
// without one) and "Formerly OLD." per alias, whose id is the row's id
// under that earlier name.
function marksOf(kind, row, enhancedByName) {
  const marks = [];
  if (row.since)
    marks.push(['mark since', `Since ${row.since}.`, null]);
  if (row.deprecated) {
    let use = '';
    if (row.replaced_by)
      use = kind === 'enhanced'
        ? `; use ${codeOf(enhancedByName.get(row.replaced_by))} (${row.replaced_by})`
        : `; use ${row.replaced_by}`;
    marks.push(['mark dep', `Deprecated in ${row.deprecated}${use}.`, null]);
  }
  for (const alias of (row.aliases || '').split(' ').filter(Boolean))
    marks.push(['mark alias', `Formerly ${alias}.`, `${kind}-${alias}`]);
  return marks;
}

// The four tables and the page's rows they make, for one set of CSVs.
function loadTables(paths, url) {
  const replies = readCsv(paths[0]);
  const reasons = readCsv(paths[1]);
  const enhanced = readCsv(paths[2]);
  const subcodes = readCsv(paths[3]);
  const subjects = subcodes.filter((r) => r.kind === 'subject');
  const replyByCode = new Map(replies.map((r) => [r.code, r]));
  const enhancedByName = new Map(enhanced.map((e) => [e.name, e]));
  const history = (kind, r) => marksOf(kind, r, enhancedByName).map((m) => m[1]);
  // The rows in page order: replies by code, reasons in table order, enhanced
  // codes by subject (in the subcode table's order), each in table order.
  const rows = [
    ...[...replies].sort((a, b) => a.code - b.code).map((r) => ({
      id: `reply-${r.name}`, kind: 'reply', code: r.code, deprecated: !!r.deprecated,
      text: [r.description, ...history('reply', r)].join('\n') })),
    ...reasons.map((r) => ({
      id: `reason-${r.name}`, kind: 'reason', code: r.code, deprecated: !!r.deprecated,
      text: [r.symbol, r.description, ...history('reason', r)].join('\n') })),
    ...subjects.flatMap((s) => enhanced.filter((e) => e.subject === s.code).map((e) => ({
      id: `enhanced-${e.name}`, kind: 'enhanced', code: codeOf(e), subject: e.subject,
      detail: e.detail, deprecated: !!e.deprecated,
      text: [e.text, e.description, ...history('enhanced', e), e.reference].join('\n') }))),
  ];
  const allIds = rows.map((r) => r.id);
  return { url, replies, reasons, enhanced, subcodes, subjects, replyByCode, enhancedByName, rows,
           allIds, total: allIds.length,
           totals: { reply: replies.length, reason: reasons.length, enhanced: enhanced.length } };
}

const shipped = loadTables([repliesPath, reasonsPath, enhancedPath, subcodesPath], pageUrl);
const { replies, reasons, enhanced, subjects, replyByCode, enhancedByName, rows, allIds, total,
        totals } = shipped;

// The filter's documented rule, written again from the CSVs: a term of one
// to three digits matches a reply or reason code by its leading digits; a
// term C.S.D or S.D (C one of 2, 4, 5, x) the enhanced code X.S.D, and C.S.x
// or S.x every enhanced code of subject S; any other term the symbol,
// sample text, description, history marks or reference, ignoring case;
// every term must match. With hide (the box ticked), no deprecated row.
const STATUS = /^(?:[245x]\.)?([0-9]{1,3})\.([0-9]{1,3}|x)$/;
function expectedRows(query, model = shipped, hide = false) {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return model.rows.filter((row) => !(hide && row.deprecated) && terms.every((t) => {
    if (/^[0-9]{1,3}$/.test(t))
      return row.kind !== 'enhanced' && row.code.startsWith(t);
    const m = STATUS.exec(t);
    if (m)
      return row.kind === 'enhanced' && row.subject === m[1] && (m[2] === 'x' || row.detail === m[2]);
    return row.text.toLowerCase().includes(t);
  }));
}
function expectedIds(query, model = shipped, hide = false) {
  return expectedRows(query, model, hide).map((r) => r.id);
}

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                    '--disable-component-update'];
const profiles = [];

// Each context gets a fresh profile of its own and reports every console
// error, page error and request for anything but the file itself.
async function openContext(options, label, url = pageUrl) {
  const profile = mkdtempSync(join(tmpdir(), 'smtpgen-chromium-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, ...options,
  });
  context.on('page', (p) => watch(p, label, url));
  for (const p of context.pages())
    watch(p, label, url);
  return context;
}

function watch(page, label, fileUrl) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      check(false, `${label}: console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => check(false, `${label}: page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(fileUrl.split('#')[0]) && !url.startsWith('data:'))
      check(false, `${label}: request leaves the file: ${url}`);
  });
}

async function visibleIds(page, selector = 'tbody tr:not(.group)') {
  return page.$$eval(selector, (rows) => rows.filter((tr) => {
    const box = tr.getBoundingClientRect();
    return !tr.hidden && box.height > 0 && getComputedStyle(tr).display !== 'none';
  }).map((tr) => tr.id));
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// The count line, as the page's script words it.
function countLine(query, model = shipped, hide = false) {
  const { totals, total } = model;
  const shown = { reply: 0, reason: 0, enhanced: 0 };
  const want = expectedRows(query, model, hide);
  for (const r of want)
    shown[r.kind]++;
  const reply = plural(totals.reply, 'reply code', 'reply codes');
  const reason = plural(totals.reason, 'reason', 'reasons');
  const enh = plural(totals.enhanced, 'enhanced code', 'enhanced codes');
  return query.trim() || hide
    ? `Showing ${want.length} of ${total} rows: ${shown.reply} of ${reply}, ${shown.reason} of ${reason}, `
      + `${shown.enhanced} of ${enh}.`
    : `Showing all ${total} rows: ${reply}, ${reason} and ${enh}.`;
}

async function expectFilter(page, query, label, model = shipped, hide = false) {
  const want = expectedIds(query, model, hide);
  const got = await visibleIds(page);
  check(sameList(got, want),
        `${label}: filter "${query}" shows [${got.join(' ')}], the CSVs say [${want.join(' ')}]`);
  const count = await page.textContent('#count');
  const wantCount = countLine(query, model, hide);
  check(count === wantCount, `${label}: count reads "${count}", wanted "${wantCount}"`);
  // A subject's heading shows while one of its codes does (all of them
  // when the filter is empty and no deprecated row is hidden).
  const wantGroups = model.subjects.filter((s) => (!query.trim() && !hide)
    || expectedRows(query, model, hide).some((r) => r.kind === 'enhanced' && r.subject === s.code)).map((s) => `subject-${s.code}`);
  const gotGroups = await visibleIds(page, 'tbody tr.group');
  check(sameList(gotGroups, wantGroups),
        `${label}: filter "${query}" shows the subject headings [${gotGroups.join(' ')}], wanted [${wantGroups.join(' ')}]`);
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
async function checkAccessibility(page, label, model = shipped) {
  const { total, subjects } = model;
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const roles = {};
  for (const n of nodes)
    if (n.role && !n.ignored)
      roles[n.role.value] = (roles[n.role.value] || 0) + 1;
  // Three tables, each with its header row; each subject's heading row
  // has a row header of its own.
  const wantRows = total + 3 + subjects.length, wantHeaders = total + subjects.length;
  check(roles.table === 3 && roles.row === wantRows && roles.rowheader === wantHeaders,
        `${label}: the accessibility tree has ${roles.table} tables, ${roles.row} rows and `
        + `${roles.rowheader} row headers, wanted 3, ${wantRows} and ${wantHeaders}`);
  check(roles.searchbox === 1 || label === 'no script',
        `${label}: the accessibility tree has ${roles.searchbox || 0} search boxes, wanted 1`);
}

async function checkRows(page, label, model = shipped) {
  const { replies, reasons, enhanced, replyByCode, enhancedByName, allIds } = model;
  const got = await page.$$eval('tbody tr:not(.group)', (trs) => trs.map((tr) => {
    const q = (sel) => tr.querySelector(sel);
    const t = (sel) => (q(sel) ? q(sel).textContent : null);
    const links = (sel) => (q(sel) ? [...q(sel).querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]) : null);
    return {
      id: tr.id,
      code: tr.getAttribute('data-code'),
      head: tr.querySelector('th').textContent,
      link: q('td.code a') ? q('td.code a').getAttribute('href') : null,
      codeText: t('td.code'),
      desc: t('td.desc .detail'),
      deprecated: tr.classList.contains('deprecated'),
      marks: [...tr.querySelectorAll('.mark')].map((m) => [m.className, m.textContent, m.id || null]),
      enh: links('td.enh'),
      sample: t('.sample'),
      detail: t('.detail'),
      dep: t('.dep'),
      depLinks: links('.dep'),
      basic: t('td.basic'),
      basicLinks: links('td.basic'),
      ref: t('td.ref'),
      group: tr.parentElement.querySelector('tr.group') ? tr.parentElement.querySelector('tr.group').id : null,
    };
  }));
  check(sameList(got.map((r) => r.id), allIds),
        `${label}: row ids are not one per CSV row in order: ${got.map((r) => r.id).join(' ')}`);
  const byId = new Map(got.map((r) => [r.id, r]));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  // Every row's history marks and its class, from its CSV row.
  for (const [kind, list] of [['reply', replies], ['reason', reasons], ['enhanced', enhanced]]) {
    for (const r of list) {
      const row = byId.get(`${kind}-${r.name}`);
      const want = marksOf(kind, r, enhancedByName);
      check(row && same(row.marks, want),
            `${label}: ${kind} ${r.name} has the marks ${JSON.stringify(row && row.marks)}, the CSV gives ${JSON.stringify(want)}`);
      check(row && row.deprecated === !!r.deprecated,
            `${label}: ${kind} ${r.name} is ${row && row.deprecated ? '' : 'not '}marked deprecated, its CSV row says "${r.deprecated || ''}"`);
      if (kind !== 'enhanced') {
        const links = !r.deprecated ? null : r.replaced_by ? [[`#${kind}-${r.replaced_by}`, r.replaced_by]] : [];
        check(row && same(row.depLinks, links),
              `${label}: ${kind} ${r.name}'s deprecation links ${JSON.stringify(row && row.depLinks)}, wanted ${JSON.stringify(links)}`);
      }
    }
  }
  for (const r of replies) {
    const row = byId.get(`reply-${r.name}`);
    check(row && row.head === r.code && row.desc === r.description,
          `${label}: reply ${r.name} does not read ${r.code} "${r.description}"`);
    // The enhanced codes registered for this reply, as the CSV names them.
    const want = enhanced.filter((e) => basicOf(e).includes(r.code))
      .map((e) => [`#enhanced-${e.name}`, codeOf(e)]);
    check(row && same(row.enh, want),
          `${label}: reply ${r.name} links the enhanced codes ${JSON.stringify(row && row.enh)}, the CSV says ${JSON.stringify(want)}`);
  }
  for (const r of reasons) {
    const row = byId.get(`reason-${r.name}`);
    const reply = replyByCode.get(r.code);
    check(row && row.head === r.symbol && row.codeText === r.code && row.desc === r.description,
          `${label}: reason ${r.name} does not read ${r.symbol} ${r.code} "${r.description}"`);
    check(row && row.link === (reply ? `#reply-${reply.name}` : null),
          `${label}: reason ${r.name}'s code links to ${row && row.link}, wanted ${reply ? `#reply-${reply.name}` : 'no link'}`);
  }
  for (const e of enhanced) {
    const row = byId.get(`enhanced-${e.name}`);
    const next = e.deprecated ? enhancedByName.get(e.replaced_by) : null;
    check(row && row.head === codeOf(e) && row.code === codeOf(e) && row.group === `subject-${e.subject}`,
          `${label}: enhanced ${e.name} does not read ${codeOf(e)} under subject-${e.subject}`);
    check(row && row.sample === (e.text || null) && row.detail === e.description && row.ref === e.reference,
          `${label}: enhanced ${e.name} does not read "${e.text}" "${e.description}" "${e.reference}"`);
    check(row && same(row.basic.split(/\s+/).filter(Boolean), basicOf(e).length ? basicOf(e) : ['none']),
          `${label}: enhanced ${e.name} shows the basic codes "${row && row.basic}", the CSV "${e.basic_codes}"`);
    const want = basicOf(e).filter((c) => replyByCode.has(c)).map((c) => [`#reply-${replyByCode.get(c).name}`, c]);
    check(row && same(row.basicLinks, want),
          `${label}: enhanced ${e.name} links the replies ${JSON.stringify(row && row.basicLinks)}, the CSVs say ${JSON.stringify(want)}`);
    check(row && (next
      ? same(row.depLinks, [[`#enhanced-${next.name}`, codeOf(next)]])
      : e.deprecated ? same(row.depLinks, []) : row.dep === null),
          `${label}: enhanced ${e.name}'s deprecation reads "${row && row.dep}" and links ${JSON.stringify(row && row.depLinks)}`);
  }
  return got;
}

// Clicks the link, then checks that the URL, :target and the view are on id.
async function follow(page, selector, id, what) {
  await page.click(selector);
  await page.waitForFunction((id) => location.hash === `#${id}`, id, { timeout: 2000 }).catch(() => {});
  check(await page.evaluate(() => location.hash) === `#${id}`, `${what} does not go to #${id}`);
  check(await page.evaluate(() => document.querySelector(':target') && document.querySelector(':target').id) === id,
        `#${id} is not the :target after following ${what}`);
  check((await visibleIds(page, 'tbody tr')).includes(id), `#${id} is hidden after following ${what}`);
  check(await inView(page, id), `#${id} is not in view after following ${what}`);
}

// "Hide deprecated rows": hides exactly the rows whose CSV row has a
// deprecated version (counted by name, not from the page), keeps the filter
// working while ticked, and shows them all again when unticked.
async function checkHideDeprecated(page, model, label, queries) {
  const { replies, reasons, enhanced, allIds } = model;
  const wantDeprecated = [...replies.filter((r) => r.deprecated).map((r) => `reply-${r.name}`),
                          ...reasons.filter((r) => r.deprecated).map((r) => `reason-${r.name}`),
                          ...enhanced.filter((e) => e.deprecated).map((e) => `enhanced-${e.name}`)];
  const box = '#hide-deprecated';
  await page.goto(model.url);
  check(await page.isVisible(box) === wantDeprecated.length > 0,
        `${label}: the "Hide deprecated rows" box is ${await page.isVisible(box) ? 'shown' : 'hidden'} with ${wantDeprecated.length} deprecated rows`);
  if (!wantDeprecated.length)
    return;
  check(await page.$eval(box, (el) => el.labels.length === 1 && el.labels[0].textContent.trim() === 'Hide deprecated rows'),
        `${label}: the box is not labelled "Hide deprecated rows"`);
  check(!(await page.isChecked(box)), `${label}: the box is ticked at load`);
  check(sameList(await visibleIds(page), allIds), `${label}: rows are hidden before ticking the box`);
  await page.check(box);
  const shown = await visibleIds(page);
  const gone = allIds.filter((id) => !shown.includes(id));
  check(gone.length === wantDeprecated.length && wantDeprecated.every((id) => gone.includes(id)),
        `${label}: ticking the box hides [${gone.join(' ')}], the CSVs deprecate [${wantDeprecated.join(' ')}]`);
  await expectFilter(page, '', `${label}, deprecated rows hidden`, model, true);
  for (const q of queries) {
    await page.fill('#filter', q);
    check(await expectFilter(page, q, `${label}, deprecated rows hidden`, model, true)
          === expectedIds(q, model, true).length, `${label}: filter "${q}" with the box ticked`);
    check(expectedIds(q, model, true).length < expectedIds(q, model).length
          || !expectedRows(q, model).some((r) => r.deprecated),
          `${label}: filter "${q}" is no test of hiding`);
  }
  await page.fill('#filter', '');
  await page.uncheck(box);
  check(sameList(await visibleIds(page), allIds), `${label}: unticking the box does not show every row again`);
  await expectFilter(page, '', `${label}, box unticked`, model, false);
  // With the box ticked, a link to a deprecated row unticks it.
  await page.check(box);
  const target = wantDeprecated[wantDeprecated.length - 1];
  await page.evaluate((id) => { location.hash = id; }, target);
  await page.waitForFunction((id) => location.hash === `#${id}`, target);
  await page.waitForTimeout(50);
  check(!(await page.isChecked(box)), `${label}: following #${target} while hidden leaves the box ticked`);
  check((await visibleIds(page)).includes(target), `${label}: #${target} is hidden after following a link to it`);
  check(await inView(page, target), `${label}: #${target} is not in view after following a link to it`);
}

// Every alias's anchor (the row's id under an earlier name) lands on its row.
async function checkAliasAnchors(page, model, label) {
  for (const [kind, list] of [['reply', model.replies], ['reason', model.reasons], ['enhanced', model.enhanced]]) {
    for (const r of list) {
      for (const alias of (r.aliases || '').split(' ').filter(Boolean)) {
        const id = `${kind}-${alias}`;
        await page.goto(`${model.url}#${id}`);
        const row = await page.evaluate(() => {
          const t = document.querySelector(':target');
          return t && t.closest('tr') ? t.closest('tr').id : null;
        });
        check(row === `${kind}-${r.name}`, `${label}: #${id} lands in the row ${row}, wanted ${kind}-${r.name}`);
        check(await inView(page, id), `${label}: #${id} is not in view after opening it`);
      }
    }
  }
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
  check(await page.$$eval('tbody tr:not(.group) th', (ths) => ths.every((th) => th.getAttribute('scope') === 'row')),
        'a row header lacks scope="row"');
  check(await page.$$eval('tbody tr.group th', (ths) => ths.length > 0 && ths.every((th) => th.getAttribute('scope') === 'rowgroup')),
        'a subject heading lacks scope="rowgroup"');
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

  // Enhanced codes: 5.7.1 as a reply carries it, X.7.1 as the registry
  // writes it, 7.1 and 4.7.1 all find X.7.1 and nothing else; typed key by
  // key, every keystroke on the way filters as the rule says.
  const x71 = enhanced.find((e) => e.subject === '7' && e.detail === '1');
  const x71Id = `enhanced-${x71.name}`;
  const x710 = enhanced.find((e) => e.subject === '7' && e.detail === '10');
  const r550 = replyByCode.get('550');
  for (const q of ['5.7.1', 'X.7.1', '7.1', '4.7.1']) {
    await page.fill('#filter', '');
    for (let i = 1; i <= q.length; i++) {
      await page.locator('#filter').press(q[i - 1]);
      await expectFilter(page, q.slice(0, i), 'desktop');
    }
    const shown = await visibleIds(page);
    check(sameList(shown, [x71Id]), `filter "${q}" shows [${shown.join(' ')}], wanted only #${x71Id}`);
    const hidden = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).hidden),
                                       [`enhanced-${x710.name}`, `reply-${r550.name}`, `reason-${reasons[0].name}`]);
    check(hidden.every(Boolean), `filter "${q}" does not hide X.7.10, reply 550 and the first reason`);
    const count = await page.textContent('#count');
    check(count.includes(`0 of ${plural(replies.length, 'reply code', 'reply codes')}`)
          && count.includes(`1 of ${plural(enhanced.length, 'enhanced code', 'enhanced codes')}`),
          `filter "${q}": the count line reads "${count}"`);
  }
  for (const q of ['X.7.X', '5.7.x', 'dkim', 'DKIM 7.x', 'RFC7372', 'deprecated', '5.7.1 550', 'X.99.1']) {
    await page.fill('#filter', q);
    await expectFilter(page, q, 'desktop');
  }
  check(expectedIds('X.7.X').length === enhanced.filter((e) => e.subject === '7').length,
        'X.7.X does not stand for every code of subject 7');
  check(expectedIds('dkim').some((id) => id.startsWith('enhanced-')), 'no enhanced code mentions DKIM to test with');

  await page.keyboard.press('Escape');
  check(await page.inputValue('#filter') === '', 'Esc does not clear the filter');
  await expectFilter(page, '', 'desktop, cleared');

  // Cross-links: a reply's enhanced code, an enhanced code's basic code,
  // a deprecated code's replacement and a subject in the legend each land
  // on their row as :target.
  await follow(page, `#reply-${r550.name} td.enh a[href="#${x71Id}"]`, x71Id, `reply 550's link to ${codeOf(x71)}`);
  await follow(page, `#${x71Id} td.basic a[href="#reply-${r550.name}"]`, `reply-${r550.name}`,
               `${codeOf(x71)}'s link to reply 550`);
  const old = enhanced.find((e) => e.deprecated);
  if (old)
    await follow(page, `#enhanced-${old.name} .dep a`, `enhanced-${old.replaced_by}`,
                 `${codeOf(old)}'s link to its replacement`);
  await follow(page, `ul.legend a[href="#subject-7"]`, 'subject-7', 'the legend\'s link to subject 7');
  // From a filtered view: the basic code's reply row is hidden, so following
  // the link clears the filter.
  await page.fill('#filter', '5.7.1');
  await follow(page, `#${x71Id} td.basic a[href="#reply-${replyByCode.get('451').name}"]`,
               `reply-${replyByCode.get('451').name}`, `${codeOf(x71)}'s link to reply 451 while filtered`);
  check(await page.inputValue('#filter') === '', 'following a link to a filtered-out reply keeps the filter');
  await expectFilter(page, '', 'desktop, after a cross-link cleared the filter');

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

  await checkHideDeprecated(page, shipped, 'desktop', ['utf8', '6.10', 'X.6.x', 'deprecated', '554']);
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
  await phonePage.fill('#filter', '5.7.1');
  await expectFilter(phonePage, '5.7.1', 'phone');
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
  const wantStatic = `${replies.length} reply codes, ${reasons.length} reasons and ${enhanced.length} enhanced codes.`;
  check(staticCount === wantStatic, `without script the count reads "${staticCount}", wanted "${wantStatic}"`);
  check(await plainPage.isHidden('#hide-deprecated'), 'without script the "Hide deprecated rows" box is shown but cannot work');
  await plain.close();

  await checkCustomTable();
}

// The page of tests/cases/custom-table, whose rows use every optional column
// (since, deprecated with and without replaced_by, aliases; in another order
// in each file), generated here with the templates of this tree.
async function checkCustomTable() {
  const dir = 'tests/cases/custom-table';
  const paths = ['replies', 'reasons', 'enhanced', 'subcodes'].map((t) => `${dir}/${t}.csv`);
  const out = mkdtempSync(join(tmpdir(), 'smtpgen-custom-'));
  profiles.push(out);
  execFileSync(process.env.SMTPGEN || 'gen/smtpgen',
               ['--replies', paths[0], '--reasons', paths[1], '--enhanced', paths[2], '--subcodes', paths[3],
                '--templates', 'templates', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = pathToFileURL(join(out, 'html', 'smtp-codes.html')).href;
  const model = loadTables(paths, url);
  check(model.rows.some((r) => r.deprecated) && model.rows.some((r) => !r.deprecated),
        `${dir} has no deprecated row, or only deprecated rows, to test with`);
  const context = await openContext({ viewport: { width: 1280, height: 900 } }, 'custom', url);
  const page = context.pages()[0] || await context.newPage();
  await page.goto(url);
  await checkRows(page, 'custom', model);
  await checkAccessibility(page, 'custom', model);
  for (const q of ['', 'spam', 'junk', 'slow_client', 'formerly', 'since', 'deprecated', '421', 'X.12.x']) {
    await page.fill('#filter', q);
    await expectFilter(page, q, 'custom', model);
  }
  check(expectedIds('junk', model).length === 1, 'custom: the alias JUNK does not find its one row');
  await checkHideDeprecated(page, model, 'custom', ['spam', '4', '421', 'X.12.x', 'timeout', 'deprecated', 'since']);
  await checkAliasAnchors(page, model, 'custom');
  await page.goto(url);
  await page.check('#hide-deprecated');
  await page.screenshot({ path: join(shotDir, 'smtp-codes-custom-hiding.png'), fullPage: true });
  await context.close();

  const plain = await openContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false }, 'custom, no script', url);
  const plainPage = plain.pages()[0] || await plain.newPage();
  await plainPage.goto(url);
  await checkRows(plainPage, 'custom, no script', model);
  check(sameList(await visibleIds(plainPage), model.allIds), 'custom, no script: some rows are hidden');
  check(await plainPage.isHidden('#hide-deprecated'), 'custom, no script: the "Hide deprecated rows" box is shown');
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
