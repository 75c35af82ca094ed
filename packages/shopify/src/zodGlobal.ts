/**
 * Evaluated before zod (validate.ts imports it first): whether the page had zod's global config
 * before this chunk loaded. zod creates `globalThis.__zod_globalConfig` when its module loads,
 * so the check cannot wait for `validate()`.
 */
export const hadZodGlobal = '__zod_globalConfig' in globalThis;
