// Opens `cjm serve` off loopback in headless Chromium, for tests/test_serve_browser.py.
//
//   node open-serve.mjs URL BARE TITLE
//
// URL is the printed address with its ?token=...; BARE is the same without the token. Opens
// BARE (must be refused), then URL, and waits until the map TITLE is on the tab's terminal: the
// page's static files and websocket carry no token of their own, so they pass by the cookie
// that the page's answer set. Prints one JSON line: the statuses, the cookie, the websocket's
// address and the static files the page loaded.
//
// textual-serve draws the terminal on a canvas (xterm.js): the title is read from what the
// editor sends down the websocket, without the escape sequences.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [url, bare, title] = process.argv.slice(2);
const STEP_MS = 30_000;
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

const profile = mkdtempSync(join(tmpdir(), "cjm-chromium-"));
const result = {
  bareStatus: 0,
  bareText: "",
  status: 0,
  title: false,
  cookies: [],
  websockets: [],
  statics: [],
  error: null,
};
let context;
let raw = "";
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
  const page = context.pages()[0] || (await context.newPage());
  const refused = await page.goto(bare, { timeout: STEP_MS });
  result.bareStatus = refused ? refused.status() : 0;
  result.bareText = refused ? await refused.text() : "";

  let seen = () => {};
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/static/")) {
      result.statics.push([response.url(), response.status()]);
    }
  });
  page.on("websocket", (ws) => {
    result.websockets.push(ws.url());
    const decoder = new TextDecoder("utf-8");
    ws.on("framereceived", ({ payload }) => {
      if (typeof payload === "string") return; // JSON control messages (pong, ...)
      raw += decoder.decode(payload, { stream: true });
      seen();
    });
  });
  const opened = await page.goto(url, { timeout: STEP_MS });
  result.status = opened ? opened.status() : 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${title}`)), STEP_MS);
    seen = () => {
      if (raw.replace(ESCAPES, "").includes(title)) {
        clearTimeout(timer);
        resolve();
      }
    };
    seen();
  });
  result.title = true;
  result.cookies = (await context.cookies()).map(({ name, value, httpOnly, sameSite, path }) => ({
    name,
    value,
    httpOnly,
    sameSite,
    path,
  }));
} catch (error) {
  result.error = String(error && error.message ? error.message : error);
  result.screen = raw.replace(ESCAPES, "").slice(-3000);
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(result.error ? 1 : 0);
