import { createLifeboat } from './src/createLifeboat.js';
const cfg = { app: 'smartcart', shop: 'a.myshopify.com', page: 'product', guards: { cart: { timeout: 3000 } } };
let t = performance.now();
const N = 20000;
for (let i = 0; i < N; i++) {
  const lb = createLifeboat(cfg);
  await lb.run('cart', () => 1, { fallback: 0 });
  lb.destroy();
}
console.log('per page µs', ((performance.now() - t) * 1000) / N);
