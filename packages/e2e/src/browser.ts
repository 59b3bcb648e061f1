import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

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
 * Picks an option of an antd Select by its visible text (the first option without one). A dropdown
 * opened just before may still be closing: it goes first, so that the only one shown is this
 * select's. A click that lands while the list is still moving in is not taken by the select: the
 * pick is checked on the select and tried again.
 */
export async function choose(page: Page, testId: string, text?: string | RegExp): Promise<string> {
  const select = page.getByTestId(testId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await select.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    const option = (text ? options.filter({ hasText: text }) : options).first();
    await option.waitFor({ state: 'visible', timeout: 10_000 });
    // Let the dropdown's opening motion end before clicking.
    await page.waitForTimeout(150);
    const label = typeof text === 'string' ? text : ((await option.textContent()) ?? '');
    await option.click();
    const taken = await page
      .waitForFunction(([el, want]) => (el?.textContent ?? '').includes(want as string), [await select.elementHandle(), label] as const, { timeout: 3_000 })
      .then(() => true, () => false);
    if (taken) return label;
    await page.keyboard.press('Escape');
  }
  throw new Error(`the select ${testId} did not take the option ${text ?? '(first)'}`);
}

/** Picks a node of an antd TreeSelect by its text (the first node without one), checked on the select as `choose` does. */
export async function chooseInTree(page: Page, testId: string, text?: string): Promise<string> {
  const select = page.getByTestId(testId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await select.click();
    const nodes = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper');
    const node = (text ? nodes.filter({ hasText: text }) : nodes).first();
    await node.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(150);
    const label = text ?? ((await node.textContent()) ?? '');
    await node.click();
    const taken = await page
      .waitForFunction(([el, want]) => (el?.textContent ?? '').includes(want as string), [await select.elementHandle(), label] as const, { timeout: 3_000 })
      .then(() => true, () => false);
    if (taken) {
      // The list closes after a pick; wait so that it covers nothing the next step clicks.
      await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 10_000 });
      return label;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`the tree select ${testId} did not take the node ${text ?? '(first)'}`);
}

/** Picks a path of an antd Cascader by the texts of its levels (each the first option containing it), checked on the cascader as `choose` does. */
export async function chooseInCascader(page: Page, testId: string, texts: string[]): Promise<void> {
  const cascader = page.getByTestId(testId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.locator('.ant-select-dropdown:visible, .ant-cascader-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await cascader.click();
    // A click that lands while the list is still opening opens no next level: the whole path is tried again.
    let opened = true;
    for (const [level, text] of texts.entries()) {
      const option = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu').nth(level).locator('.ant-cascader-menu-item').filter({ hasText: text }).first();
      opened = await option.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
      if (!opened) break;
      await page.waitForTimeout(150);
      await option.click();
    }
    const last = texts.at(-1) ?? '';
    const taken =
      opened &&
      (await page
        .waitForFunction(([el, want]) => (el?.textContent ?? '').includes(want as string), [await cascader.elementHandle(), last] as const, { timeout: 3_000 })
        .then(() => true, () => false));
    if (taken) {
      await page.locator('.ant-cascader-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`the cascader ${testId} did not take ${texts.join(' / ')}`);
}

/**
 * Opens a page through the main menu: each label in turn (submenus, then the entry), until the
 * address matches. A click that lands while a submenu is still opening is tried again.
 */
export async function openFromMenu(page: Page, labels: string[], url: RegExp): Promise<void> {
  const menu = page.getByTestId('main-menu');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    for (const [i, text] of labels.entries()) {
      const item = menu.getByText(text, { exact: true });
      // A submenu already open stays open: click only the entry and the closed submenus.
      if (i < labels.length - 1 && (await menu.getByText(labels[i + 1]!, { exact: true }).isVisible())) continue;
      await item.click();
    }
    const arrived = await page.waitForURL(url, { timeout: 10_000 }).then(() => true, () => false);
    if (arrived) return;
  }
  throw new Error(`the menu ${labels.join(' → ')} did not open ${url}`);
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
 * Switches the interface language through the header's menu and waits until the page reads in
 * it and, for a signed-in user, the choice is saved (the next journey signs in to it). A click
 * that lands on the menu while it is still closing from the last switch is tried again.
 */
export async function switchLanguage(page: Page, code: 'zh-CN' | 'en-US'): Promise<void> {
  const signedIn = await page.getByTestId('main-menu').isVisible();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if ((await page.evaluate(() => document.documentElement.lang)) === code) return;
    const saved = signedIn ? page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/language') && r.request().method() === 'PUT', { timeout: 20_000 }) : null;
    await page.getByTestId('language-switch').click();
    const option = page.getByTestId(`language-option-${code}`);
    const shown = await option.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
    if (shown) await option.click();
    const switched = await page.waitForFunction((c) => document.documentElement.lang === c, code, { timeout: 10_000 }).then(() => true, () => false);
    if (switched) {
      const response = await saved?.catch(() => null);
      if (saved && (!response || !response.ok())) throw new Error(`the language ${code} was shown but not saved`);
      return;
    }
    saved?.catch(() => undefined);
    await page.keyboard.press('Escape');
  }
  throw new Error(`the interface did not switch to ${code}`);
}
