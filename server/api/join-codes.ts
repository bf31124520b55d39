// Join codes (stored only as hashes): 80 random bits (crypto.randomBytes) written as 16 characters of Crockford base32 in
// four groups (e.g. 7KQ2-M9XH-4TZB-WC3R): unguessable, and easy to read aloud and type. Input is
// forgiving: case, spaces and dashes do not matter, and O/I/L read as 0/1/1.
import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newJoinCode(): string {
  return codeOfBytes(randomBytes(10));
}

/**
 * A code derived from a server secret (HMAC-SHA256 of the label): the same secret and label give the
 * same code, so the demo's codes can be printed at every start while only their hashes are stored.
 */
export function derivedJoinCode(secret: string, label: string): string {
  return codeOfBytes(createHmac('sha256', secret).update(label).digest().subarray(0, 10));
}

function codeOfBytes(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return formatJoinCode(out);
}

/** The canonical form of what someone typed, or undefined when it cannot be a code. */
export function normalizeJoinCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return undefined;
  return formatJoinCode(s);
}

function formatJoinCode(s: string): string {
  return s.match(/.{4}/g)!.join('-');
}
