// Drives `cjm serve` in headless Chromium, for tests/test_serve_browser.py.
//
//   node drive-serve.mjs URL TITLE LINE SCREENSHOT.png
//
// Opens URL in a tab and waits until the map TITLE is on its terminal; opens a second tab on
// the same server (another editor of the same map: its header must count the people in the
// map); then, in the first tab, types `a`, the quick-add LINE and enter, waits until the
// second tab shows the new touchpoint too, presses ctrl+s and waits for the editor to say it
// saved. Prints one JSON line: what was seen, and how many colours the
// screenshot of the first tab has (a blank page has one or two).
//
// textual-serve draws the terminal on a canvas (xterm.js), so its text is not in the page:
// we read what the editor sends down the websocket instead (the bytes xterm.js draws),
// without the escape sequences.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [url, title, line, screenshotPath] = process.argv.slice(2);
const STEP_MS = 30_000;

// CSI, OSC (ended by BEL or ST), and the two-byte escapes.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

function screenText(page) {
  const seen = { raw: "", waiters: [] };
  page.on("websocket", (ws) => {
    const decoder = new TextDecoder("utf-8");
    ws.on("framereceived", ({ payload }) => {
      if (typeof payload === "string") return; // JSON control messages (pong, ...)
      seen.raw += decoder.decode(payload, { stream: true });
      for (const w of [...seen.waiters]) w();
    });
  });
  return {
    text: () => seen.raw.replace(ESCAPES, ""),
    mark: () => seen.raw.length,
    // Wait until `needle` is on the screen, in what came after `since` (a mark).
    async waitFor(needle, what, since = 0, ms = STEP_MS) {
      const found = () => seen.raw.slice(since).replace(ESCAPES, "").includes(needle);
      if (found()) return;
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          seen.waiters = seen.waiters.filter((w) => w !== check);
          reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(needle)}`));
        }, ms);
        const check = () => {
          if (found()) {
            clearTimeout(timer);
            seen.waiters = seen.waiters.filter((w) => w !== check);
            resolve();
          }
        };
        seen.waiters.push(check);
      });
    },
  };
}

async function colours(page, png) {
  // Count the distinct colours of the screenshot, drawn on a canvas in the page itself.
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (seen.size > 500) break;
    }
    return seen.size;
  }, png.toString("base64"));
}

const profile = mkdtempSync(join(tmpdir(), "cjm-chromium-"));
const result = { title: false, readOnly: false, saved: false, colours: 0, error: null };
let context;
let one;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CJM_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    timeout: STEP_MS,
  });
  const first = context.pages()[0] || (await context.newPage());
  one = screenText(first);
  await first.goto(url, { timeout: STEP_MS });
  await one.waitFor(title, "the map title in the first tab");
  result.title = true;

  const second = await context.newPage();
  const two = screenText(second);
  await second.goto(url, { timeout: STEP_MS });
  await two.waitFor("in the map", "the second tab to join the map's other editors");
  result.joined = true;

  await first.bringToFront();
  await first.click(".textual-terminal", { timeout: STEP_MS });
  const before = one.mark();
  await first.keyboard.press("a");
  await one.waitFor("Quick add", "the quick-add line to open", before);
  await first.keyboard.type(line, { delay: 5 });
  // The line is on the screen before it is submitted, and the new touchpoint in the list after.
  await one.waitFor(line.slice(0, 20), "the typed line in the quick-add input", before);
  const entered = one.mark();
  const elsewhere = two.mark();
  await first.keyboard.press("Enter");
  await one.waitFor(line.split(" @")[0].slice(0, 12), "the added touchpoint in the list", entered);
  await two.waitFor(line.split(" @")[0].slice(0, 12), "the touchpoint in the second tab", elsewhere);
  result.shared = true;
  const typed = one.mark();
  await first.keyboard.press("Control+s");
  try {
    await one.waitFor("Saved", "the first tab to say it saved", typed, 8_000);
  } catch {
    // Headless Chromium now and then does not deliver a ctrl+s pressed into the terminal
    // (seen about one run in eight, before this driver's last change too): press it once
    // more. The test reads the file afterwards, so a save that happened twice or not at all
    // cannot pass unnoticed.
    result.saveRetried = true;
    await first.keyboard.press("Control+s");
    await one.waitFor("Saved", "the first tab to say it saved", typed);
  }
  result.saved = true;

  const png = await first.screenshot({ path: screenshotPath });
  result.colours = await colours(first, png);
} catch (error) {
  result.error = String(error && error.message ? error.message : error);
  if (one) result.screen = one.text().slice(-3000); // what the first tab showed last
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(result.error ? 1 : 0);
