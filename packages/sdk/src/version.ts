/** The SDK version beacons carry; the build replaces the token, sources run as `0.0.0-dev`. */
export const VERSION: string = typeof __LIFEBOAT_VERSION__ === 'string' ? __LIFEBOAT_VERSION__ : '0.0.0-dev';
