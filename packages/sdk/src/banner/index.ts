export { showBanner, bannerDismissed, type BannerOptions, type BannerHandle } from './banner.js';
