// Every spec imports `test` and `expect` from here rather than from '@playwright/test'. The one
// addition: an automatic fixture that fails a test when its page throws an uncaught error (a
// `pageerror`: an exception no code caught, or an unhandled rejection), with the error's stack.
// Issue 12 saw one such TypeError once during a lesson run; with this, any spec that meets one
// again fails and says where. A test that throws on purpose lists what it expects with
// `test.use({ expectedPageErrors: [/pattern/] })`.
import { test as base, expect } from '@playwright/test';

export interface PageErrorOptions {
  /** uncaught page errors this test provokes on purpose (matched against the message) */
  expectedPageErrors: RegExp[];
}

interface PageErrorFixtures {
  /** the uncaught errors seen so far on `page` (read them to assert on a deliberate one) */
  pageErrors: Error[];
}

export const test = base.extend<PageErrorOptions & PageErrorFixtures>({
  expectedPageErrors: [[], { option: true }],
  pageErrors: [async ({ page, expectedPageErrors }, use, testInfo) => {
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await use(errors);
    const unexpected = errors.filter((e) => !expectedPageErrors.some((re) => re.test(e.message)));
    if (unexpected.length && testInfo.status === testInfo.expectedStatus) {
      const text = unexpected.map((e) => e.stack ?? `${e.name}: ${e.message}`).join('\n\n');
      await testInfo.attach('page-errors', { body: text, contentType: 'text/plain' });
      throw new Error(`the page threw ${unexpected.length} uncaught error(s):\n${text}`);
    }
  }, { auto: true }],
});

export { expect };
export type { Locator, Page } from '@playwright/test';
