/**
 * The feed entries of unit onboarding (see onboarding.ts): `onboardingReview`, the state of
 * an application after the association acted on it (申请中 on arrival, 审核通过 with the
 * insurance code, 审核不通过 with the reason); `unitProfile`, the account's profile as it
 * stands after an approval or a handler or phone change. Apply `unitProfile` to the local
 * unit the session belongs to.
 */
import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATES } from '../domain/onboarding';
import { unitProfileSnapshotSchema } from './onboarding';

export function onboardingChangeSchemas<B extends { seq: z.ZodNumber; at: z.ZodString }>(base: B) {
  return [
    z.object({
      ...base,
      kind: z.literal('onboardingReview'),
      applicationId: z.string(),
      clientApplicationId: z.string(),
      applicationKind: z.enum(APPLICATION_KINDS),
      schemeId: z.string(),
      state: z.enum(APPLICATION_STATES),
      reason: z.string().optional(),
      insuranceCode: z.string().optional(),
    }),
    z.object({ ...base, kind: z.literal('unitProfile'), profile: unitProfileSnapshotSchema }),
  ] as const;
}
