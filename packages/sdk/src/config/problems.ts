import { formatProblems, type Problem } from '@lifeboat/schema';

/**
 * Reports an invalid config once: on the console and as an `sdk-error` (`config-invalid`). The
 * Shopify loader build aliases this module to a no-op (packages/shopify/src/config/noProblems.ts):
 * it hands createLifeboat only configs the validate chunk passed.
 */
export function reportProblems(problems: Problem[], sdkError: (code: string, message: string) => void): void {
  if (!problems.length) return;
  const text = formatProblems(problems);
  console.error(`Lifeboat config (defaults used):\n${text}`);
  sdkError('config-invalid', text);
}
