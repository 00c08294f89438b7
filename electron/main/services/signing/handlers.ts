import type { Handlers } from '../handler';
import { isUnlocked, latestCheckpoint, publicKeyOf } from './signing';

export const signingHandlers = {
  'signing.status': async (p) => ({ fingerprint: (await publicKeyOf(p))?.fingerprint ?? null, unlocked: isUnlocked(p), latest: await latestCheckpoint(p) }),
} satisfies Partial<Handlers>;
