import { TokenBuckets } from './token-buckets';

describe('Token buckets', () => {
  describe('a new client', () => {
    it('may send its whole burst at once, then is refused with the wait for one more', () => {
      const buckets = new TokenBuckets(60, 3);
      const decisions = [0, 0, 0, 0].map(() => buckets.take('a', 1_000));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
      expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 1 });
    });
  });

  describe('a client that used its burst', () => {
    it('gets one request back per 60/perMinute seconds, never more than the burst', () => {
      const buckets = new TokenBuckets(60, 2);
      buckets.take('a', 0);
      buckets.take('a', 0);
      expect(buckets.take('a', 500).allowed).toBe(false);
      expect(buckets.take('a', 1_000).allowed).toBe(true);
      expect(buckets.take('a', 1_000).allowed).toBe(false);
      expect([0, 0, 0].map(() => buckets.take('a', 3_600_000).allowed)).toEqual([true, true, false]);
    });

    it('does not slow anyone else down', () => {
      const buckets = new TokenBuckets(60, 1);
      buckets.take('a', 0);
      expect(buckets.take('a', 0).allowed).toBe(false);
      expect(buckets.take('b', 0).allowed).toBe(true);
    });

    it('is told how long to wait at a slow rate', () => {
      const buckets = new TokenBuckets(2, 1);
      buckets.take('a', 0);
      expect(buckets.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    });
  });

  describe('many clients', () => {
    it('keeps at most maxClients buckets, dropping full ones first', () => {
      const buckets = new TokenBuckets(60, 1, 100);
      for (let i = 0; i < 1000; i += 1) buckets.take(`client-${i}`, i * 10_000);
      expect(buckets.size).toBeLessThanOrEqual(101);
    });
  });
});
