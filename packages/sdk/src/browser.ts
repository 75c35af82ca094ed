/** Entry of `lifeboat.browser.js`, the self-contained ES module for `<script type="module">`. */
export * from './index.js';
