// The dashboard in a real browser: `truce serve` on the demo corpus, driven
// in headless Chromium through the timeline, the map, a board with its
// as-of slider, an event's evidence and a review that changes a verdict.
//
// Run by web/tests/run.sh (which builds truce, installs what is missing and
// prepares the demo record); needs TRUCE_URL and TRUCE_TOKEN.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const base = process.env.TRUCE_URL;
const token = process.env.TRUCE_TOKEN;
let browser;
let page;

before(async () => {
  assert.ok(base && token, "TRUCE_URL and TRUCE_TOKEN must be set (see run.sh)");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  page.on("pageerror", (e) => { throw e; });
});

after(async () => { await browser?.close(); });

async function api(path) {
  const r = await fetch(base + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

test("the timeline and the map show the record, and a place filters the list", async () => {
  await page.goto(`${base}/#/`);
  await page.waitForSelector("#timeline rect.bar");
  assert.ok((await page.locator("#timeline rect.bar").count()) > 10, "bars for the days with events");
  await page.waitForSelector("#map circle.dot");
  assert.ok((await page.locator("#map path.land").count()) > 100, "country outlines drawn offline");
  const place = await page.locator("#map circle.dot").nth(1).getAttribute("data-place");
  // Circles overlap; the click goes to this one whatever lies above it.
  await page.locator("#map circle.dot").nth(1).dispatchEvent("click");
  await page.waitForFunction((p) => location.hash.includes(`place=${encodeURIComponent(p)}`), place);
  await page.waitForSelector("table.events tbody tr");
  const places = await page.locator("table.events tbody tr td:nth-child(6)").allTextContents();
  assert.ok(places.length > 0 && places.every((t) => t.includes(place)), `${places} are all at ${place}`);
  // A bar of the timeline narrows the list to its day.
  await page.goto(`${base}/#/`);
  await page.waitForSelector("#timeline rect.bar");
  const bar = page.locator("#timeline rect.bar").nth(5);
  const day = await bar.getAttribute("data-day");
  const counted = (await page.locator(`#timeline rect.bar[data-day="${day}"] title`).allTextContents())
    .reduce((n, t) => n + Number(t.split(": ")[1].split(" ")[0]), 0);
  await bar.dispatchEvent("click");
  await page.waitForFunction((d) => location.hash.includes(`from=${d}`), day);
  await page.waitForSelector("table.events tbody tr");
  assert.equal(await page.locator("h2", { hasText: "Events (" }).textContent(), `Events (${counted})`);
});

test("a board moves with its as-of slider and opens to its evidence", async () => {
  await page.goto(`${base}/#/agreements`);
  await page.locator("#main table a").first().click();
  await page.waitForSelector("#board tr.verdict");
  const asOf = async () => page.locator("#board p.muted").first().textContent();
  const late = await asOf();
  const slider = page.locator("#as-of-slider");
  const min = Number(await slider.getAttribute("min"));
  await slider.evaluate((el, v) => { el.value = String(v); el.dispatchEvent(new Event("change")); }, min + 3);
  await page.waitForFunction((before) => document.querySelector("#board p.muted")?.textContent !== before, late);
  const early = await asOf();
  assert.notEqual(early, late);
  assert.match(await page.locator("#as-of").textContent(), /^\d{4}-\d{2}-\d{2}$/);
  await page.locator("#board tr.verdict").first().click();
  await page.waitForSelector("#board tr.evidence-row:not([hidden])");
});

test("rejecting the only evidence of a verdict changes it, and the log keeps who did it", async () => {
  // A verdict resting on one report: rejecting that report must move it.
  const agreements = await api("/api/agreements");
  let target = null;
  for (const a of agreements.items) {
    const board = await api(`/api/agreements/${encodeURIComponent(a.id)}/board`);
    const v = board.verdicts.find((v) => v.evidence_total === 1 && v.status === "complied");
    if (v) { target = { agreement: a.id, provision: v.provision, event: v.evidence[0].event }; break; }
  }
  assert.ok(target, "the demo has a verdict resting on one report");
  await page.goto(`${base}/#/events/${encodeURIComponent(target.event)}`);
  await page.waitForSelector("#report mark");
  assert.ok((await page.locator("#report mark").textContent()).length > 20, "the evidence sentence is marked");
  await page.fill("#token", token);
  await page.locator("#token").dispatchEvent("change");
  await page.click("#reject");
  await page.waitForSelector("#verdicts-changed li");
  const changes = await page.locator("#verdicts-changed li").allTextContents();
  assert.ok(changes.some((c) => c.includes(target.agreement) && c.includes(`provision ${target.provision}`)), changes.join("\n"));
  assert.equal((await page.locator("tbody tr td .review-rejected").count()) >= 1, true);
  await page.goto(`${base}/#/audit`);
  await page.waitForSelector("table tbody tr");
  const first = await page.locator("table tbody tr").first().textContent();
  assert.ok(first.includes("rejected") && first.includes("analyst"), first);
  // Reopening puts the verdict back.
  await page.goto(`${base}/#/events/${encodeURIComponent(target.event)}`);
  await page.waitForSelector("#reopen");
  await page.click("#reopen");
  await page.waitForSelector("#verdicts-changed li");
});

test("an event shows the other reports of its happening, each with the sentence marked", async () => {
  const events = await api("/api/events?limit=200");
  let found = null;
  for (const e of events.items) {
    const page = await api(`/api/events/${encodeURIComponent(e.id)}`);
    if (page.mentions.length) { found = page; break; }
  }
  assert.ok(found, "the demo has a happening told by several reports");
  await page.goto(`${base}/#/events/${encodeURIComponent(found.event.id)}`);
  await page.waitForSelector("details.mention summary");
  await page.locator("details.mention summary").first().click({ position: { x: 300, y: 5 } });
  await page.waitForSelector("details.mention[open] .report mark");
  const marked = await page.locator("details.mention[open] .report mark").textContent();
  assert.equal(marked.trim(), found.mentions[0].sentence.trim());
});

test("a report pasted into the dashboard is coded and stored", async () => {
  await page.goto(`${base}/#/add`);
  await page.waitForSelector("#add-report");
  await page.fill("#token", token);
  await page.locator("#token").dispatchEvent("change");
  await page.fill("#add-report input[name=date]", "2022-09-20");
  await page.fill("#add-report input[name=outlet]", "Relay Desk");
  await page.fill("textarea[name=text]",
    "ADEN, Sept 20 (Relay Desk) - Houthi fighters shelled government positions near Taiz on Monday, " +
    "the defence ministry said, the third such attack this month.");
  await page.click("#add-submit");
  await page.waitForSelector("#added");
  assert.match(await page.locator("#add-status").textContent(), /Stored: [1-9]\d* events/);
  await page.click("#added");
  await page.waitForSelector(".report mark");
  assert.match(await page.locator(".report").textContent(), /shelled government positions/);
});

test("a correction is saved from the form, and search marks the words found", async () => {
  const events = await api("/api/events?limit=1&plover=ASSAULT");
  const id = events.items[0].id;
  await page.goto(`${base}/#/events/${encodeURIComponent(id)}`);
  await page.waitForSelector("#correction");
  const modality = events.items[0].modality === "alleged" ? "denied" : "alleged";
  await page.selectOption("#correction select[name=modality]", modality);
  await page.click("#save-correction");
  await page.waitForSelector("#review-status p.ok");
  const stored = await api(`/api/events/${encodeURIComponent(id)}`);
  assert.equal(stored.event.modality, modality);
  assert.equal(stored.as_coded.modality, events.items[0].modality);
  await page.goto(`${base}/#/search?q=Hodeidah`);
  await page.waitForSelector("ul.evidence li mark");
  assert.match(await page.locator("ul.evidence li mark").first().textContent(), /hodeidah/i);
});
