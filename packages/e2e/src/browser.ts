import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const chromiumMissingMessage =
  `Chromium not found at ${CHROMIUM_PATH}: browser tests are skipped.\n` +
  'Install it from Debian with:  apt-get install chromium fonts-noto-cjk';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts', import.meta.url));

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A browser context in Chinese (or the language given) at a size, on a phone when asked; downloads allowed. */
export async function openContext(browser: Browser, options: { width: number; height: number; mobile?: boolean; language?: 'zh-CN' | 'en-US' }): Promise<BrowserContext> {
  return browser.newContext({ locale: options.language ?? 'zh-CN', viewport: { width: options.width, height: options.height }, isMobile: options.mobile ?? false, acceptDownloads: true });
}

/** Waits until the page's spinners and loading cards are gone, and scrolls back to the top (for a full-page screenshot). */
export async function settle(page: Page): Promise<void> {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
  await page.locator('.ant-card-loading').first().waitFor({ state: 'detached' });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** A GET of the API as the signed-in page (its session cookie), parsed as JSON. */
export async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).json(), url) as Promise<T>;
}

/**
 * Runs `attempt` up to three times, until it answers something other than undefined (a step whose
 * click may land while the page is still moving); then throws `failure`.
 */
async function retry<T>(failure: string, attempt: () => Promise<T | undefined>): Promise<T> {
  for (let n = 0; n < 3; n += 1) {
    const done = await attempt();
    if (done !== undefined) return done;
  }
  throw new Error(failure);
}

/** The text of the element (a select, a cascader) comes to include `want` within 3 s. */
async function comesToShow(page: Page, control: Locator, want: string): Promise<boolean> {
  return page
    .waitForFunction(([el, text]) => (el?.textContent ?? '').includes(text as string), [await control.elementHandle(), want] as const, { timeout: 3_000 })
    .then(() => true, () => false);
}

/**
 * The pick every select-like control goes through: waits until no dropdown (`dropdowns`) is shown
 * (one opened just before may still be closing), opens the control, lets `click` pick (it answers
 * the text the control then shows, null when the list did not open far enough) and checks the
 * control shows it (unless `checked`: `click` has checked the pick itself); otherwise Escape and
 * again, three times at most. With `closes`, waits after a pick until that list is gone, so that
 * it covers nothing the next step clicks.
 */
async function pick(page: Page, control: Locator, spec: { dropdowns: string; closes?: string; checked?: boolean; failure: string }, click: () => Promise<string | null>): Promise<string> {
  return retry(spec.failure, async () => {
    await page.locator(spec.dropdowns).first().waitFor({ state: 'hidden', timeout: 10_000 });
    await control.click();
    const label = await click();
    if (label !== null && (spec.checked || (await comesToShow(page, control, label)))) {
      if (spec.closes) await page.locator(spec.closes).first().waitFor({ state: 'hidden', timeout: 10_000 });
      return label;
    }
    await page.keyboard.press('Escape');
    return undefined;
  });
}

/** Clicks an item once it shows and the list's opening motion has ended; false when it did not show. */
async function clickWhenShown(page: Page, item: Locator): Promise<boolean> {
  const shown = await item.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
  if (!shown) return false;
  // Let the dropdown's opening motion end before clicking.
  await page.waitForTimeout(150);
  await item.click();
  return true;
}

const SELECT_DROPDOWN = '.ant-select-dropdown:visible';

/** A pattern for an option's whole text (for `choose`, where a plain text matches any option containing it). */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * Picks an option of an antd Select by its visible text (the first option without one). A dropdown
 * opened just before may still be closing: it goes first, so that the only one shown is this
 * select's. A click that lands while the list is still moving in is not taken by the select: the
 * pick is checked on the select and tried again. With `search`, types it into the opened select
 * first (a select that searches the server, such as a member picker). With `multiple` (a select
 * of several values), picks among the options not chosen yet, checks the option comes to be
 * marked chosen in the list or shown on the select (which may fold its values into "+ n"), and
 * closes the list, which a multiple select leaves open.
 */
export async function choose(page: Page, testId: string, text?: string | RegExp, options_: { search?: string; multiple?: boolean } = {}): Promise<string> {
  const { search, multiple = false } = options_;
  const failure = `the select ${testId} did not take the option ${text ?? '(first)'}`;
  return pick(page, page.getByTestId(testId), { dropdowns: SELECT_DROPDOWN, closes: multiple ? SELECT_DROPDOWN : undefined, checked: multiple, failure }, async () => {
    if (search) await page.keyboard.type(search);
    const options = page.locator(`${SELECT_DROPDOWN} .ant-select-item-option${multiple ? ':not(.ant-select-item-option-selected)' : ''}`);
    const option = (text ? options.filter({ hasText: text }) : options).first();
    await option.waitFor({ state: 'visible', timeout: 10_000 });
    const whole = (await option.textContent()) ?? '';
    const label = typeof text === 'string' ? text : whole;
    if (!(await clickWhenShown(page, option))) return null;
    if (!multiple) return label;
    // Marked chosen in the list, or (a search is cleared after a pick, and the list may then have
    // scrolled the option away) shown on the select.
    const chosen = page.locator(`${SELECT_DROPDOWN} .ant-select-item-option-selected`).filter({ hasText: exactly(whole) });
    const marked = chosen.first().waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    const shown = comesToShow(page, page.getByTestId(testId), whole);
    if (!(await marked) && !(await shown)) return null;
    await page.keyboard.press('Escape');
    return label;
  });
}

/**
 * Picks a node of an antd TreeSelect by its text (the first node without one), checked on the
 * select as `choose` does; with `search`, types it into the opened select first (which opens the
 * branches down to the nodes that match).
 */
export async function chooseInTree(page: Page, testId: string, text?: string, options_: { search?: string } = {}): Promise<string> {
  return pick(page, page.getByTestId(testId), { dropdowns: SELECT_DROPDOWN, closes: SELECT_DROPDOWN, failure: `the tree select ${testId} did not take the node ${text ?? '(first)'}` }, async () => {
    if (options_.search) await page.keyboard.type(options_.search);
    const nodes = page.locator(`${SELECT_DROPDOWN} .ant-select-tree-node-content-wrapper`);
    const node = (text ? nodes.filter({ hasText: text }) : nodes).first();
    await node.waitFor({ state: 'visible', timeout: 10_000 });
    const label = text ?? ((await node.textContent()) ?? '');
    return (await clickWhenShown(page, node)) ? label : null;
  });
}

/** Picks a path of an antd Cascader by the texts of its levels (each the first option containing it), checked on the cascader as `choose` does. */
export async function chooseInCascader(page: Page, testId: string, texts: string[]): Promise<void> {
  await pick(page, page.getByTestId(testId), { dropdowns: `${SELECT_DROPDOWN}, .ant-cascader-dropdown:visible`, closes: '.ant-cascader-dropdown:visible', failure: `the cascader ${testId} did not take ${texts.join(' / ')}` }, async () => {
    // A click that lands while the list is still opening opens no next level: the whole path is tried again.
    for (const [level, text] of texts.entries()) {
      const option = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu').nth(level).locator('.ant-cascader-menu-item').filter({ hasText: text }).first();
      if (!(await clickWhenShown(page, option))) return null;
    }
    return texts.at(-1) ?? '';
  });
}

const PICKER_DROPDOWN = '.ant-picker-dropdown:visible';

/**
 * Types a date (YYYY-MM-DD) into an antd DatePicker's input and confirms it with Enter. A select's
 * list or another picker's panel opened just before may still be closing over the input: it goes
 * first. A panel still moving in can swallow the Enter: the date is taken when the panel has
 * closed on it and the input shows it; otherwise the date is typed again, three times at most.
 */
export async function pickDate(page: Page, input: Locator, date: string): Promise<void> {
  await retry(`the date picker did not take ${date}`, async () => {
    // Its own panel, left open by an attempt before, stays: Escape would also close a dialog around it.
    const again = await input.evaluate((el) => el === document.activeElement);
    await page.locator(again ? SELECT_DROPDOWN : `${SELECT_DROPDOWN}, ${PICKER_DROPDOWN}`).first().waitFor({ state: 'hidden', timeout: 10_000 });
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    const closed = await page.locator(PICKER_DROPDOWN).first().waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
    return (closed && (await input.inputValue()) === date) || undefined;
  });
}

const MENU_DROPDOWN = '.ant-dropdown:visible';

/**
 * Clicks an entry (by its text) of the antd Dropdown menu that the button `trigger` (a test id)
 * opens, and waits until what the entry opens (`opens`) shows. A menu opened just before may
 * still be closing: it goes first. A click that lands while the menu is still moving in is tried
 * again.
 */
export async function chooseInDropdown(page: Page, trigger: string, entry: string, opens: Locator): Promise<void> {
  await retry(`the menu ${trigger} → ${entry} did not open what it leads to`, async () => {
    await page.locator(MENU_DROPDOWN).first().waitFor({ state: 'hidden', timeout: 10_000 });
    await page.getByTestId(trigger).click();
    const item = page.locator(MENU_DROPDOWN).getByRole('menuitem', { name: entry });
    if ((await clickWhenShown(page, item)) && (await opens.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false))) return true;
    if (await page.locator(MENU_DROPDOWN).first().isVisible()) await page.keyboard.press('Escape');
    return undefined;
  });
}

/**
 * Opens a page through the main menu: each label in turn (submenus, then the entry), until the
 * address matches. A click that lands while a submenu is still opening is tried again.
 */
export async function openFromMenu(page: Page, labels: string[], url: RegExp): Promise<void> {
  const menu = page.getByTestId('main-menu');
  await retry(`the menu ${labels.join(' → ')} did not open ${url}`, async () => {
    for (const [i, text] of labels.entries()) {
      const item = menu.getByText(text, { exact: true });
      // A submenu already open stays open: click only the entry and the closed submenus.
      if (i < labels.length - 1 && (await menu.getByText(labels[i + 1]!, { exact: true }).isVisible())) continue;
      await item.click();
    }
    return (await page.waitForURL(url, { timeout: 10_000 }).then(() => true, () => false)) || undefined;
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, baseUrl: string, username: string, password = 'Demo@2026'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-menu').waitFor();
}

/**
 * Signs in where the menu is folded away (a phone): the page is then opened by its address, so
 * this waits only until the address leaves the login page.
 */
export async function signInOnPhone(page: Page, baseUrl: string, username: string, password = 'Demo@2026'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** A POST of the API as the signed-in page (its session, with its CSRF token): the status and the JSON answer (null when there is none). */
export async function apiPost(page: Page, url: string, body: unknown = {}): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ([u, b]) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(u as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(b) });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [url, body] as const,
  );
}

/**
 * Switches the interface language through the header's menu and waits until the page reads in
 * it and, for a signed-in user, the choice is saved (the next journey signs in to it). A click
 * that lands on the menu while it is still closing from the last switch is tried again.
 */
export async function switchLanguage(page: Page, code: 'zh-CN' | 'en-US'): Promise<void> {
  const signedIn = await page.getByTestId('main-menu').isVisible();
  await retry(`the interface did not switch to ${code}`, async () => {
    if ((await page.evaluate(() => document.documentElement.lang)) === code) return true;
    const saved = signedIn ? page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/language') && r.request().method() === 'PUT', { timeout: 20_000 }) : null;
    await page.getByTestId('language-switch').click();
    const option = page.getByTestId(`language-option-${code}`);
    const shown = await option.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
    if (shown) await option.click();
    const switched = await page.waitForFunction((c) => document.documentElement.lang === c, code, { timeout: 10_000 }).then(() => true, () => false);
    if (switched) {
      const response = await saved?.catch(() => null);
      if (saved && (!response || !response.ok())) throw new Error(`the language ${code} was shown but not saved`);
      return true;
    }
    saved?.catch(() => undefined);
    await page.keyboard.press('Escape');
    return undefined;
  });
}
