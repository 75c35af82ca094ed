import type { Lifeboat } from '@lifeboat/sdk';
import { BANNER_TEXT } from '../../../schema/src/limits.js';
import { showBanner } from '../../../sdk/src/banner/index.js';

/** Shows the degraded-mode notice for `guard`: the fleet's banner text wins over the config's. */
export function showDegradedBanner(lifeboat: Lifeboat, guard: string): void {
  const cfg = lifeboat.config.banner;
  if (!cfg.enabled) return;
  // The loader build resolves configs without the default text (config/schema-lite.ts).
  const text = lifeboat.fleet(guard)?.banner || cfg.text || BANNER_TEXT;
  const h = showBanner({ text, onDismiss: () => lifeboat.report({ type: 'banner', action: 'dismissed', guard }) });
  if (h) lifeboat.report({ type: 'banner', action: 'shown', guard });
}
