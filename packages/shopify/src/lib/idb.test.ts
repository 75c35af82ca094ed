import 'fake-indexeddb/auto';
import * as keyval from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import * as lite from './idb.js';

let n = 0;
describe('lib/idb (the loader build’s idb-keyval)', () => {
  it('reads what idb-keyval wrote, and the other way round', async () => {
    const name = `idb-test-${++n}`;
    const a = keyval.createStore(name, 's');
    const b = lite.createStore(name, 's');
    await keyval.set('x', { v: 1 }, a);
    await keyval.set(['w', 'cart'], [1, 2], a);
    expect(await lite.get('x', b)).toEqual({ v: 1 });
    expect(await lite.entries(b)).toEqual(await keyval.entries(a));
    await lite.set('y', 2, b);
    await lite.del('x', b);
    expect(await keyval.get('y', a)).toBe(2);
    expect(await keyval.get('x', a)).toBeUndefined();
    expect(await lite.entries(b)).toEqual([['y', 2], [['w', 'cart'], [1, 2]]]);
  });
  it('creates the database and store on first use, like idb-keyval', async () => {
    const s = lite.createStore(`idb-test-${++n}`, 'q');
    expect(await lite.entries(s)).toEqual([]);
    expect(await lite.get('none', s)).toBeUndefined();
  });
});
