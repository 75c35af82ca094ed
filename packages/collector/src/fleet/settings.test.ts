import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../collectorConfig.js';
import { ALERT_DEFAULTS, fleetSettings, INCIDENT_DEFAULTS } from './settings.js';

describe('fleet settings', () => {
  it('fills every default from a minimal collector config', () => {
    const s = fleetSettings(resolveConfig({ apps: [{ app: 'smartcart', publicKey: 'pk_demo_smartcart' }] }));
    expect(s.apps).toEqual([{ app: 'smartcart', publicKey: 'pk_demo_smartcart', guards: [] }]);
    expect(s.incidents).toEqual(INCIDENT_DEFAULTS);
    expect(s.alerts).toEqual({ webhooks: [], ...ALERT_DEFAULTS });
    expect(s.status.maxAgeSeconds).toBe(5);
  });

  it('takes the fleet-only options the collector config lets through (incidents, alerts)', () => {
    const s = fleetSettings(
      resolveConfig({
        apps: [{ app: 'smartcart', publicKey: 'pk_demo_smartcart' }],
        incidents: { autoOpen: true, recoverySteps: [0.25, 1], recoveryStepMs: 30_000, banner: 'Basic mode' },
        alerts: { webhooks: [{ url: 'https://hooks.slack.com/services/x', format: 'slack' }], maxAttempts: 3 },
        status: { maxAgeSeconds: 5 },
      }),
    );
    expect(s.incidents).toMatchObject({ autoOpen: true, recoverySteps: [0.25, 1], recoveryStepMs: 30_000, banner: 'Basic mode' });
    expect(s.alerts).toMatchObject({ webhooks: [{ url: 'https://hooks.slack.com/services/x', format: 'slack' }], maxAttempts: 3 });
    expect(s.status.maxAgeSeconds).toBe(5);
  });
});
