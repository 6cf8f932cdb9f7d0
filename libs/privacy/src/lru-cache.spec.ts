import { LruCache } from './lru-cache';

describe('LruCache', () => {
  describe('when full', () => {
    it('drops the least recently used key, also after many evictions and uses', () => {
      const cache = new LruCache<string, number>(3);
      for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i, Infinity);
      cache.get('k997');
      cache.set('k1000', 1000, Infinity);
      expect(cache.size).toBe(3);
      expect(cache.get('k998')).toBeUndefined();
      expect([cache.get('k997'), cache.get('k999'), cache.get('k1000')]).toEqual([997, 999, 1000]);
    });

    it('keeps evicting in use order after being cleared', () => {
      const cache = new LruCache<string, number>(2);
      cache.set('a', 1, Infinity);
      cache.set('b', 2, Infinity);
      cache.set('c', 3, Infinity);
      cache.clear();
      cache.set('d', 4, Infinity);
      cache.set('e', 5, Infinity);
      cache.get('d');
      cache.set('f', 6, Infinity);
      expect([cache.get('d'), cache.get('e'), cache.get('f')]).toEqual([4, undefined, 6]);
    });
  });
});
