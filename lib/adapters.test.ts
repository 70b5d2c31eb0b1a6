import { afterEach, describe, expect, it, vi } from 'vitest';

// config() is parsed once per process, so each case loads the modules afresh under its own env.
async function load(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const adapters = await import('./adapters');
  const fakes = { card: (await import('./fakes/card-network')).fakeCardNetwork, courier: (await import('./fakes/courier')).fakeCourier };
  return { ...adapters, fakes };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the composition root', () => {
  it('hands out the fakes when nothing is configured', async () => {
    const { cardNetwork, courier, fakes } = await load({});
    expect(cardNetwork()).toBe(fakes.card);
    expect(courier()).toBe(fakes.courier);
  });

  it("takes 'fake' when it is asked for by name", async () => {
    const { cardNetwork, courier, fakes } = await load({ CARD_NETWORK: 'fake', COURIER: 'fake' });
    expect(cardNetwork()).toBe(fakes.card);
    expect(courier()).toBe(fakes.courier);
  });

  it('refuses a card network it has no adapter for, saying which setting and why', async () => {
    const { cardNetwork } = await load({ CARD_NETWORK: 'stripe' });
    expect(() => cardNetwork()).toThrow(/CARD_NETWORK: only 'fake' is available: no real card network adapter/);
  });

  it('refuses a courier it has no adapter for', async () => {
    const { courier } = await load({ COURIER: 'dhl' });
    expect(() => courier()).toThrow(/COURIER: only 'fake' is available: no real courier adapter/);
  });
});
