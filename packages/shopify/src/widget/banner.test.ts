import { describe, expect, it } from 'vitest';
import { BANNER_DEFAULTS } from '@lifeboat/schema';
import { fakeLifeboat } from '../testing/fakeLifeboat.js';
import { showDegradedBanner } from './banner.js';

describe('showDegradedBanner', () => {
  it('falls back to the schema’s default text when the config has none (the loader build)', () => {
    showDegradedBanner(fakeLifeboat({ banner: '' }), 'cart');
    expect(document.body.innerHTML).toContain(BANNER_DEFAULTS.text);
  });
});
