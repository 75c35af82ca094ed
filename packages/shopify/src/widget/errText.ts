/**
 * The storefront's name for the one scrubber (`scrub`, from the SDK): error text for an
 * `sdk-error` beacon. Kept so loader.ts's import stands; new code imports `scrub` itself.
 */
export { scrub as errText } from '@lifeboat/sdk';
