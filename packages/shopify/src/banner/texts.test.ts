import { describe, expect, it } from 'vitest';
import { BANNER_TEXT } from '@lifeboat/schema/lite';
import { chooseNoticeText, NOTICE_TEXTS, pickLanguage } from './texts.js';

describe('pickLanguage', () => {
  it('takes the exact tag, then its language, then the first tag of the same language (case and _ do not matter)', () => {
    expect(pickLanguage(['fr'], NOTICE_TEXTS)).toBe('fr');
    expect(pickLanguage(['fr-CA'], NOTICE_TEXTS)).toBe('fr');
    expect(pickLanguage(['PT_pt'], NOTICE_TEXTS)).toBe('pt-PT');
    expect(pickLanguage(['pt'], NOTICE_TEXTS)).toBe('pt-BR');
    expect(pickLanguage(['pt-AO'], NOTICE_TEXTS)).toBe('pt-BR');
    expect(pickLanguage(['ja-JP'], NOTICE_TEXTS)).toBe('ja');
  });
  it('goes down the list until one matches; undefined when none does', () => {
    expect(pickLanguage(['', undefined, 'sv', 'de-AT'], NOTICE_TEXTS)).toBe('de');
    expect(pickLanguage(['sv', null], NOTICE_TEXTS)).toBeUndefined();
  });
});

describe('built-in texts', () => {
  it('cover en, fr, de, es, it, pt, nl and ja, each with its own dismiss label', () => {
    for (const l of ['en', 'fr', 'de', 'es', 'it', 'pt-BR', 'pt-PT', 'nl', 'ja']) {
      expect(NOTICE_TEXTS[l].text.length, l).toBeGreaterThan(20);
      expect(NOTICE_TEXTS[l].dismiss.length, l).toBeGreaterThan(3);
      if (l !== 'en') expect(NOTICE_TEXTS[l].text, l).not.toBe(BANNER_TEXT);
    }
  });
});

describe('chooseNoticeText', () => {
  it('is the built-in text of the page language, with its lang', () => {
    expect(chooseNoticeText(['de-DE'])).toEqual({ ...NOTICE_TEXTS.de, lang: 'de' });
    expect(chooseNoticeText(['sv'])).toEqual({ ...NOTICE_TEXTS.en, lang: 'en' });
    expect(chooseNoticeText([])).toEqual({ ...NOTICE_TEXTS.en, lang: 'en' });
  });
  it('the fleet text wins over the config text, both shown as given (language unknown: no lang), dismiss label in the page language', () => {
    expect(chooseNoticeText(['fr'], { fleet: 'Cart in basic mode', text: 'Mine' })).toEqual({ text: 'Cart in basic mode', dismiss: NOTICE_TEXTS.fr.dismiss });
    expect(chooseNoticeText(['fr'], { text: 'Mine', texts: { fr: 'À moi' } })).toEqual({ text: 'Mine', dismiss: NOTICE_TEXTS.fr.dismiss });
  });
  it('the English default given as fleet or config text still gives the shopper their language', () => {
    expect(chooseNoticeText(['ja'], { fleet: BANNER_TEXT, text: BANNER_TEXT }).text).toBe(NOTICE_TEXTS.ja.text);
    expect(chooseNoticeText(['it'], { fleet: '  ', text: '' }).text).toBe(NOTICE_TEXTS.it.text);
  });
  it('per-language texts override the built-in of their language only, and add languages', () => {
    const texts = { FR: 'Mode simplifié.', 'fr-CA': 'Mode de base.', sv: 'Butiken körs i basläge.' };
    expect(chooseNoticeText(['fr-FR'], { texts })).toEqual({ text: 'Mode simplifié.', dismiss: NOTICE_TEXTS.fr.dismiss, lang: 'FR' });
    expect(chooseNoticeText(['fr-CA'], { texts }).text).toBe('Mode de base.');
    expect(chooseNoticeText(['de'], { texts }).text).toBe(NOTICE_TEXTS.de.text);
    expect(chooseNoticeText(['sv'], { texts })).toEqual({ text: 'Butiken körs i basläge.', dismiss: NOTICE_TEXTS.en.dismiss, lang: 'sv' });
  });
});
