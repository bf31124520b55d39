// The socket handshake a board sends to join an exercise, as one schema: the gateway validates it,
// the board builds it (the type is re-exported by live.ts).
import { z } from 'zod';

export const JoinAuthSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().max(60).optional(),
  /** On reconnect: the last seq the client folded, so the server sends only what is missing. */
  lastSeq: z.number().int().min(0).optional(),
  /** The device token the server handed out at an earlier join (welcome.deviceToken): a right code with it is not slowed by guesses from the same address. */
  deviceToken: z.string().min(1).max(512).optional(),
});
export type JoinAuth = z.infer<typeof JoinAuthSchema>;
