import { formatProblems, type Problem } from '@lifeboat/schema/lite';

/**
 * Reports an invalid config once: on the console and as an `sdk-error` (`config-invalid`). A
 * config that was checked before it reached the core (the Shopify loader's) has no problems.
 */
export function reportProblems(problems: Problem[], sdkError: (code: string, message: string) => void): void {
  if (!problems.length) return;
  const text = formatProblems(problems);
  console.error(`Lifeboat config (defaults used):\n${text}\n(the full explanation: validateConfig from @lifeboat/sdk/validate)`);
  sdkError('config-invalid', text);
}
