import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, resolveConfig } from './collectorConfig.js';

const app = { app: 'smartcart', publicKey: 'pk_demo_smartcart', origins: ['*'] };

describe('collector config', () => {
  it('fills every default from apps alone', () => {
    const c = resolveConfig({ apps: [app] });
    expect(c.ingest).toMatchObject({ maxBodyBytes: 65_536, maxInflatedBytes: 262_144, perKeyPerSecond: 2000, perClientPerMinute: 120 });
    expect(c.flushIntervalMs).toBe(10_000);
    expect(c.retention).toMatchObject({ rawDays: 7, rollupDays: 90 });
    expect(c.incidents.enabled).toBe(true);
    expect(c.tokens).toEqual({ read: [], admin: [] });
  });

  it('names the field and what it must be', () => {
    const bad = () => resolveConfig({ apps: [{ ...app, publicKey: 'x' }], ingest: { maxBodyBytes: -5 }, flushIntervalMs: 'soon' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (e) {
      const paths = (e as ConfigError).problems.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['config.apps.0.publicKey', 'config.ingest.maxBodyBytes', 'config.flushIntervalMs']));
      expect((e as Error).message).toContain('config.ingest.maxBodyBytes: must be at least 1');
    }
  });

  it('refuses unknown fields, a shared key, and an inflated cap below the body cap', () => {
    expect(() => resolveConfig({ apps: [app], ingset: {} })).toThrow(/ingset/);
    expect(() => resolveConfig({ apps: [app, { ...app, app: 'other' }] })).toThrow(/config\.apps\.1\.publicKey/);
    expect(() => resolveConfig({ apps: [app], ingest: { maxBodyBytes: 1000, maxInflatedBytes: 10 } })).toThrow(/maxInflatedBytes/);
  });

  it('lets the fleet sections carry extra fields', () => {
    const c = resolveConfig({ apps: [app], incidents: { recoverySteps: [0.1, 0.5] } });
    expect((c.incidents as Record<string, unknown>).recoverySteps).toEqual([0.1, 0.5]);
  });

  it('reads apps and tokens from the environment over the file', () => {
    const c = configFromEnv(
      { LIFEBOAT_APPS: JSON.stringify([app]), LIFEBOAT_READ_TOKENS: 'rt_aaaaaaaaaaaaaaaa, rt_bbbbbbbbbbbbbbbb', LIFEBOAT_ADMIN_TOKENS: 'at_cccccccccccccccc' },
      { apps: [], tokens: { read: ['old'] }, flushIntervalMs: 5000 },
    );
    expect(resolveConfig(c)).toMatchObject({ apps: [app], tokens: { read: ['rt_aaaaaaaaaaaaaaaa', 'rt_bbbbbbbbbbbbbbbb'], admin: ['at_cccccccccccccccc'] }, flushIntervalMs: 5000 });
    expect(() => configFromEnv({ LIFEBOAT_APPS: '[oops' })).toThrow(/LIFEBOAT_APPS/);
  });
});
