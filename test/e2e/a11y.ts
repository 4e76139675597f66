import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type Impact = 'critical' | 'serious' | 'moderate' | 'minor';
const impacts: Impact[] = ['critical', 'serious', 'moderate', 'minor'];

/**
 * Runs axe (WCAG 2.1 A and AA, plus axe's best practices) on the page as it is now, an open dialog
 * included, and fails on any serious or critical violation; the rest are counted and printed by impact.
 * One line per screen: `await expectAccessible(page, 'Settings')`; `within` (a CSS selector) checks one
 * part of the page, e.g. one Settings section, so each gets its own count.
 */
export async function expectAccessible(page: Page, screen: string, within?: string): Promise<Record<Impact, number>> {
  // axe must not judge a half-faded colour. The tests ask for reduced motion (playwright.config.ts), so Mantine's
  // dialogs and menus appear without animating; this waits for any other animation with an end to reach it.
  // A function, not a string: the page's Content-Security-Policy forbids evaluating strings. This file is
  // type-checked without the DOM's types, hence the shape of `document` spelled out.
  await page.waitForFunction(() => {
    type Animation = { playState: string; effect: { getComputedTiming(): { iterations?: number } } | null };
    const { document } = globalThis as unknown as { document: { getAnimations(): Animation[] } };
    return document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
  });
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  const results = await (within ? builder.include(within) : builder).analyze();
  const counts = Object.fromEntries(impacts.map((impact) => [impact, 0])) as Record<Impact, number>;
  for (const violation of results.violations) counts[(violation.impact ?? 'minor') as Impact] += violation.nodes.length;
  const rest = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  console.log(
    `axe ${screen}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}` +
      (rest.length ? ` (${rest.map((v) => `${v.id}×${v.nodes.length}`).join(', ')})` : ''),
  );
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      where: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? ''}`),
    }));
  expect(blocking, `serious or critical axe violations on ${screen}`).toEqual([]);
  return counts;
}
