// The differential test of the page's explainer: runs one corpus (any text
// file, one input per line) through `smtpcode explain --json` and through
// out/html/smtp-codes.html in headless Chromium, typing each line into the
// filter box and reading the explanation (#explain and its data-*
// attributes), and requires the same result for every line: reply or no
// reply, code, class, enhanced code, consistent, reasons and other-code
// reasons (names, in order), and also the reply as found, its joined text,
// line count, reply and enhanced names, enhanced subject and text, and the
// error message. Also checks that the rows the explanation names are shown,
// and, for the seed example, that the tables narrow to exactly those rows.
//
// A line that a one-line box cannot hold as it is (Chromium turns a CR
// inside it into a space) is given to the page's own explainer
// (window.smtpExplain) instead, and counted apart.
//
// Input bytes that are not UTF-8 reach the page as U+FFFD, one per byte, as
// smtpcode writes them in its JSON; so the page reads the same characters,
// and the rules (which take any byte >= 0x80, or any character past ASCII,
// for a letter) the same way.
//
// usage: node tests/browser_explain.mjs CORPUS_FILE [HTML [SMTPCODE]]
// (from the repository root; needs `make deps` for playwright-core, and
// gen/smtpcode built by `make`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [corpusPath, htmlPath = 'out/html/smtp-codes.html', smtpcode = 'gen/smtpcode'] =
  process.argv.slice(2);
if (!corpusPath) {
  console.error('usage: node tests/browser_explain.mjs CORPUS_FILE [HTML [SMTPCODE]]');
  process.exit(2);
}
const pageUrl = pathToFileURL(resolve(htmlPath)).href;
const differences = [];
const problems = [];

// The lines as getline() gives them to smtpcode: split after each LF, the
// last one kept when the file does not end with LF.
const bytes = readFileSync(corpusPath);
const rawLines = [];
for (let start = 0; start < bytes.length;) {
  let end = bytes.indexOf(0x0a, start);
  end = end === -1 ? bytes.length : end + 1;
  rawLines.push(bytes.subarray(start, end));
  start = end;
}

// smtpcode's rule for invalid UTF-8 (gen/smtpcode.c): each byte that does
// not start a complete, shortest, non-surrogate sequence of at most U+10FFFF
// becomes one U+FFFD. NUL bytes stay (smtpcode shows them as U+FFFD, see
// norm()).
function decode(buf) {
  let out = '';
  for (let i = 0; i < buf.length;) {
    const c = buf[i];
    let n = c < 0x80 ? 1 : (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 0;
    for (let k = 1; n && k < n; k++)
      if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80)
        n = 0;
    let cp = c;
    if (n > 1) {
      cp = c & (0x7f >> n);
      for (let k = 1; k < n; k++)
        cp = (cp << 6) | (buf[i + k] & 0x3f);
      if ((n === 2 && cp < 0x80) || (n === 3 && cp < 0x800) || (n === 4 && cp < 0x10000)
          || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        n = 0;
    }
    if (n === 0) {
      out += '\ufffd';
      i++;
    } else {
      out += String.fromCodePoint(cp);
      i += n;
    }
  }
  return out;
}

// The line as the box gets it: without its line end.
function boxText(buf) {
  let s = decode(buf);
  if (s.endsWith('\n'))
    s = s.slice(0, -1);
  if (s.endsWith('\r'))
    s = s.slice(0, -1);
  return s;
}

const norm = (v) => (typeof v === 'string' ? v.replace(/\0/g, '\ufffd') : v);
const show = (v) => JSON.stringify(v);

// smtpcode's view of every line.
const run = spawnSync(smtpcode, ['--json', 'explain'], { input: bytes, maxBuffer: 1 << 30 });
if (run.error || (run.status !== 0 && run.status !== 1)) {
  console.error(`explain: ${smtpcode} --json explain failed (status ${run.status}): `
                + `${run.error ? run.error.message : run.stderr.toString()}`);
  process.exit(1);
}
const want = run.stdout.toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
if (want.length !== rawLines.length) {
  console.error(`explain: ${smtpcode} gave ${want.length} objects for ${rawLines.length} lines`);
  process.exit(1);
}

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                    '--disable-component-update'];
const profile = mkdtempSync(join(tmpdir(), 'smtpgen-chromium-'));
let typed = 0, byHook = 0, replies = 0;

// What the page says of the line in the box, from #explain's attributes.
async function readBox(page) {
  return page.$eval('#explain', (box) => {
    const a = (n) => box.getAttribute(`data-${n}`);
    const names = (n) => (a(n) ? a(n).split(' ') : []);
    const visible = (id) => {
      const tr = document.getElementById(id);
      return !!tr && !tr.hidden && tr.getBoundingClientRect().height > 0;
    };
    const named = [...box.querySelectorAll('a[href^="#"]')].map((l) => l.getAttribute('href').slice(1));
    return {
      state: a('state'),
      code: a('code') === '' ? null : Number(a('code')),
      class: a('class') || null,
      enhanced: a('enhanced') || null,
      consistent: a('consistent') === '' ? null : a('consistent') === 'true',
      reply_name: a('reply-name') || null,
      enhanced_name: a('enhanced-name') || null,
      lines: a('lines') === '' ? null : Number(a('lines')),
      reasons: names('reasons'),
      other_code_reasons: names('other-reasons'),
      error: a('error') || null,
      hidden: box.hidden,
      text: box.textContent,
      hiddenNamed: named.filter((id) => !visible(id)),
    };
  });
}

function compare(i, input, got, exp, how) {
  const where = `line ${i + 1} ${show(input.length > 120 ? `${input.slice(0, 117)}...` : input)} (${how})`;
  const diff = (what, g, w) => differences.push(`${where}: ${what}: page ${show(g)}, smtpcode ${show(w)}`);
  if ((got.code !== null) !== (exp.code !== null)) {
    diff('reply', got.code !== null ? `reply ${got.code}` : `no reply (${got.error})`,
         exp.code !== null ? `reply ${exp.code}` : `no reply (${exp.error})`);
    return;
  }
  for (const k of ['code', 'class', 'enhanced', 'consistent', 'reply_name', 'enhanced_name', 'lines', 'error'])
    if (got[k] !== exp[k])
      diff(k, got[k], exp[k]);
  for (const k of ['reasons', 'other_code_reasons']) {
    const w = exp[k].map((r) => r.name);
    if (show(got[k]) !== show(w))
      diff(k, got[k], w);
  }
  // The strings the hook returns (the box shows them as text).
  if (got.full)
    for (const k of ['reply', 'text', 'reply_description', 'enhanced_subject', 'enhanced_text'])
      if (norm(got.full[k]) !== exp[k])
        diff(k, norm(got.full[k]), exp[k]);
}

try {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: launchArgs,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!req.url().startsWith(pageUrl) && !req.url().startsWith('data:'))
      problems.push(`request leaves the file: ${req.url()}`);
  });
  await page.goto(pageUrl);

  for (let i = 0; i < rawLines.length; i++) {
    const input = boxText(rawLines[i]);
    const exp = want[i];
    if (exp.code !== null)
      replies++;
    // The page's own explainer gives the full strings for every line.
    const full = await page.evaluate((s) => window.smtpExplain(s), input);
    await page.fill('#filter', input);
    if (await page.inputValue('#filter') === input) {
      typed++;
      const got = await readBox(page);
      got.full = full;
      compare(i, input, got, exp, 'typed');
      // The box and the hook agree, and the rows the box names are shown.
      if (show([got.code, got.reasons]) !== show([full.code, full.reasons]))
        differences.push(`line ${i + 1}: the box says ${show([got.code, got.reasons])}, `
                         + `smtpExplain ${show([full.code, full.reasons])}`);
      if (got.hiddenNamed.length)
        differences.push(`line ${i + 1}: the explanation names hidden rows ${got.hiddenNamed.join(' ')}`);
      if (got.code !== null && (got.hidden || got.state !== 'reply'))
        differences.push(`line ${i + 1}: a reply but the explanation is hidden (state ${got.state})`);
    } else {
      byHook++;
      compare(i, input, { ...full, full }, exp, 'not typeable: smtpExplain');
    }
  }

  // The seed example: the explanation as the issue describes it, and the
  // tables narrowed to its rows.
  const seed = '550 5.7.1 Rejected due to spam content.';
  await page.fill('#filter', seed);
  const box = await readBox(page);
  const visibleRows = await page.$$eval('tbody tr:not(.group)', (trs) => trs.filter((tr) => !tr.hidden).map((tr) => tr.id));
  const wantRows = ['reply-MAILBOX_UNAVAILABLE', 'reason-BLOCKED_SPAM', 'enhanced-DELIVERY_NOT_AUTHORIZED'];
  if (show(visibleRows) !== show(wantRows))
    problems.push(`"${seed}" shows the rows ${visibleRows.join(' ')}, wanted ${wantRows.join(' ')}`);
  for (const part of ['550', 'permanent', '5.7.1', 'Security or Policy Status', 'Delivery not authorized',
                      'The same text, sent with code 554', '5XX_BLOCKED_SPAM'])
    if (!box.text.includes(part))
      problems.push(`the explanation of "${seed}" lacks "${part}": ${box.text}`);
  if (box.hidden)
    problems.push(`the explanation of "${seed}" is hidden`);
  // An inconsistent enhanced code says so; plain words explain nothing.
  await page.fill('#filter', '550 4.7.1 Rejected due to spam content.');
  const bad = await readBox(page);
  if (!bad.text.includes('Inconsistent'))
    problems.push(`"550 4.7.1 ..." does not note the inconsistent class: ${bad.text}`);
  // At phone width the explanation wraps: no sideways scroll.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.fill('#filter', 'Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; client host [192.0.2.1] '
                  + 'blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0)
    problems.push(`at phone width the explanation scrolls sideways by ${overflow}px`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.fill('#filter', 'dkim');
  if (!(await readBox(page)).hidden)
    problems.push('the plain filter "dkim" shows an explanation');
  await page.fill('#filter', '');
  if (!(await readBox(page)).hidden)
    problems.push('the empty filter shows an explanation');
  await context.close();
} catch (err) {
  problems.push(`aborted: ${err.stack || err}`);
} finally {
  rmSync(profile, { recursive: true, force: true });
}

const summary = `${rawLines.length} lines of ${corpusPath} (${replies} with a reply by smtpcode; `
  + `${typed} typed into the box, ${byHook} given to smtpExplain as the box cannot hold them)`;
if (differences.length || problems.length) {
  for (const d of differences)
    console.error(`explain: DIFF ${d}`);
  for (const p of problems)
    console.error(`explain: FAIL ${p}`);
  console.error(`explain: ${differences.length} differences and ${problems.length} other failures; ${summary}`);
  process.exit(1);
}
console.log(`explain: the page and ${smtpcode} agree on all ${summary}`);
