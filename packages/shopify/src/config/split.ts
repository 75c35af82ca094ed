type Obj = Record<string, unknown>;

/** Splits the script-tag JSON into the SDK config and the storefront parts. */
export function splitConfig(input: Obj): { sdk: Obj; widgets: Obj[]; recommendations?: Obj; cartGuard?: string } {
  const { widgets, recommendations, cartGuard, ...sdk } = input;
  return { sdk, widgets: (widgets as Obj[]) ?? [], recommendations: recommendations as Obj | undefined, cartGuard: cartGuard as string | undefined };
}
