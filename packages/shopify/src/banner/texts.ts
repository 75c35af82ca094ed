/**
 * The notice's built-in texts and the choice of language. Loaded only with the notice (the
 * degraded chunk), never by the per-page loader.
 */
import { BANNER_TEXT } from '@lifeboat/schema/lite';

/** What the notice says, and the accessible name of its dismiss button. */
export interface NoticeText {
  text: string;
  dismiss: string;
}

/**
 * Built-in texts by language tag. The first tag of a language is the one a bare language code
 * (`pt`) or an unknown region (`pt-AO`) gets.
 */
export const NOTICE_TEXTS: Readonly<Record<string, NoticeText>> = {
  en: { text: BANNER_TEXT, dismiss: 'Dismiss notice' },
  fr: {
    text: 'Certaines fonctionnalités de la boutique fonctionnent en mode simplifié. Vous pouvez continuer vos achats et passer commande comme d’habitude.',
    dismiss: 'Fermer le message',
  },
  de: {
    text: 'Einige Funktionen des Shops laufen im Basismodus. Sie können wie gewohnt weiter einkaufen und zur Kasse gehen.',
    dismiss: 'Hinweis schließen',
  },
  es: {
    text: 'Algunas funciones de la tienda están en modo básico. Puedes seguir comprando y finalizar tu compra como siempre.',
    dismiss: 'Cerrar aviso',
  },
  it: {
    text: 'Alcune funzioni del negozio sono in modalità base. Puoi continuare a fare acquisti e completare l’ordine come sempre.',
    dismiss: 'Chiudi avviso',
  },
  'pt-BR': {
    text: 'Alguns recursos da loja estão funcionando no modo básico. Você pode continuar comprando e finalizar a compra normalmente.',
    dismiss: 'Fechar aviso',
  },
  'pt-PT': {
    text: 'Algumas funcionalidades da loja estão a funcionar em modo básico. Pode continuar a comprar e finalizar a compra normalmente.',
    dismiss: 'Fechar aviso',
  },
  nl: {
    text: 'Sommige functies van de winkel werken in basismodus. Je kunt gewoon verder winkelen en afrekenen.',
    dismiss: 'Melding sluiten',
  },
  ja: {
    text: 'ストアの一部の機能は基本モードで動作しています。通常どおりお買い物とご購入手続きを続けられます。',
    dismiss: 'お知らせを閉じる',
  },
};

const norm = (tag: string) => tag.trim().replace(/_/g, '-').toLowerCase();

/**
 * The key of `table` that best serves the first usable tag of `wanted` (in order): the tag
 * itself, then the tag with its last subtags dropped (`fr-CA` → `fr`), then the first key of the
 * same language (`pt` → `pt-BR`). Case and `_`/`-` do not matter. Undefined when none matches.
 */
export function pickLanguage(wanted: ReadonlyArray<string | null | undefined>, table: Readonly<Record<string, unknown>>): string | undefined {
  const keys = Object.keys(table);
  const byNorm = new Map(keys.map((k) => [norm(k), k]));
  for (const w of wanted) {
    if (!w || !norm(w)) continue;
    const parts = norm(w).split('-');
    for (let n = parts.length; n > 0; n--) {
      const hit = byNorm.get(parts.slice(0, n).join('-'));
      if (hit) return hit;
    }
    const same = keys.find((k) => norm(k).split('-')[0] === parts[0]);
    if (same) return same;
  }
  return undefined;
}

export interface NoticeTextChoice extends NoticeText {
  /** The language of `text` when it is known (a built-in or a per-language override), for `lang`. */
  lang?: string;
}

/**
 * What the notice says on a page whose language is given by `wanted` (page language first).
 * - `fleet`: the status document's banner text for this incident, shown as it is;
 * - `text`: one text for every language;
 * - `texts`: texts per language tag, preferred to the built-in ones of the same language.
 * A text equal to the built-in English default counts as "not chosen" (configs and collectors
 * carry it as their default), so the shopper gets it in their language.
 */
export function chooseNoticeText(
  wanted: ReadonlyArray<string | null | undefined>,
  given: { fleet?: string; text?: string; texts?: Readonly<Record<string, string>> } = {},
): NoticeTextChoice {
  const chosen = (s: string | undefined) => (s && s.trim() && s !== BANNER_TEXT ? s : undefined);
  const label = (lang: string) => NOTICE_TEXTS[pickLanguage([lang], NOTICE_TEXTS) ?? 'en'].dismiss;
  // The built-ins with the config's per-language texts over them (same tag in any case: the config's).
  const table: Record<string, string> = {};
  const own = Object.entries(given.texts ?? {}).filter(([, t]) => chosen(t));
  const ownTags = new Set(own.map(([k]) => norm(k)));
  for (const [k, t] of Object.entries(NOTICE_TEXTS)) if (!ownTags.has(norm(k))) table[k] = t.text;
  for (const [k, t] of own) table[k] = t;
  const lang = pickLanguage(wanted, table) ?? pickLanguage(['en'], table) ?? 'en';
  const one = chosen(given.fleet) ?? chosen(given.text);
  if (one) return { text: one, dismiss: label(lang) };
  return { text: table[lang] ?? BANNER_TEXT, dismiss: label(lang), lang };
}
