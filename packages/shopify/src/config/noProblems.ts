/**
 * The loader build's stand-in for the SDK's `config/problems.ts` (rollup alias): its configs
 * passed the full validation (config/prevalidated.ts), so there are never problems to report.
 */
export function reportProblems(): void {}
