export { showBanner, hideBanner, bannerDismissed, ANNOUNCE_DELAY_MS, type BannerOptions, type BannerHandle, type BannerPlace, type Spot } from './banner.js';
export { chooseNoticeText, pickLanguage, NOTICE_TEXTS, type NoticeText, type NoticeTextChoice } from './texts.js';
