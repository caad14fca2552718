// Loads the GraphiQL explorer in headless Chromium, runs its default query, and fails
// when the page asks any host but the server, logs a script error, or shows no result.
//
// playwright-core is not a dependency of the project; install it in a directory of
// your choice and run the script from there:
//
//   mkdir -p /tmp/smoke && cd /tmp/smoke && npm install playwright-core
//   node /path/to/repo/scripts/graphiql-smoke.mjs http://127.0.0.1:8000/graphql [shot.png]
//
// An ES module `import` would look for playwright-core only next to this script (and
// ignore NODE_PATH), so the script loads it with require() from the working directory
// instead; that also honours NODE_PATH (NODE_PATH=/tmp/smoke/node_modules works from
// anywhere).
//
// Uses the system Chromium (Debian's `chromium` package; CHROMIUM=/path to choose
// another); downloads no browser.
import { createRequire } from "node:module";
import { join } from "node:path";

const { chromium } = createRequire(join(process.cwd(), "noop.js"))("playwright-core");

const url = process.argv[2] ?? "http://127.0.0.1:8000/graphql";
const screenshot = process.argv[3];
const origin = new URL(url).origin;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const problems = [];
try {
  const page = await browser.newPage();
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (u.protocol !== "data:" && u.origin !== origin) problems.push(`external request: ${req.url()}`);
  });
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForSelector(".graphiql-container", { timeout: 15000 });
  await page.click(".graphiql-execute-button");
  const result = page.locator(".result-window");
  await result.getByText('"apiVersion"').waitFor({ timeout: 15000 });
  const text = await result.innerText();
  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(`result pane: ${text.replace(/\s+/g, " ").trim()}`);
} catch (err) {
  problems.push(`failed: ${err.message}`);
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("GraphiQL smoke check passed: loaded offline and ran a query.");
