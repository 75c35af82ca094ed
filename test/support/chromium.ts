import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Where Debian puts Chromium; override with LIFEBOAT_CHROMIUM. */
export const chromiumPath = process.env.LIFEBOAT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launches headless Debian Chromium the way this machine needs it: without the background
 * networking flags it tries to reach Google's hosts, which this closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install it with "apt-get install -y chromium" ` +
        `(.ci/run does this) or set LIFEBOAT_CHROMIUM to its path.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
