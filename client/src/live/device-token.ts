// The device token of this browser's last join (localStorage): the server hands it out in the welcome,
// and with it a right code is checked at once instead of waiting behind wrong codes guessed from the
// same address (server/api/rate-limit.ts). It opens nothing by itself.
const DEVICE_TOKEN_KEY = 'fire-sim.device-token';

export function storedDeviceToken(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(DEVICE_TOKEN_KEY) ?? undefined;
  } catch { return undefined; } // storage blocked: join as a first-time device
}

export function storeDeviceToken(token: string): void {
  try { globalThis.localStorage?.setItem(DEVICE_TOKEN_KEY, token); } catch { /* storage blocked: the token lives for this connection only */ }
}

/** The headers of a REST call with a join code: the code and, when this browser has one, its device token. */
export function codeHeaders(code: string | undefined): Record<string, string> {
  if (!code) return {};
  const token = storedDeviceToken();
  return { 'x-join-code': code, ...(token ? { 'x-device-token': token } : {}) };
}
