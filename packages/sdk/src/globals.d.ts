/** Replaced by the build with the package version (see rollup.config.js). */
declare const __LIFEBOAT_VERSION__: string;
