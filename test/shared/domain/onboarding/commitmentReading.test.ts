import { describe, expect, it } from 'vitest';
import { checkCommitmentReading, remainingReadMs } from '../../../../shared/domain/onboarding';

const START = '2023-03-01T09:00:00.000+08:00';
const at = (seconds: number) => new Date(new Date(START).getTime() + seconds * 1000);

describe('the commitment must be on screen for the minimum time', () => {
  const cases: [string, number, number, string | null][] = [
    ['accepted at once', 0, 15, 'commitmentNotRead'],
    ['after 14.999 s', 14.999, 15, 'commitmentNotRead'],
    ['after exactly 15 s', 15, 15, null],
    ['after a minute', 60, 15, null],
    ['before the reading started', -1, 15, 'commitmentTimesInvalid'],
    ['a scheme asking 30 s, after 20 s', 20, 30, 'commitmentNotRead'],
  ];
  it.each(cases)('%s', (_label, seconds, min, code) => {
    expect(checkCommitmentReading(new Date(START), at(seconds), min)?.code ?? null).toBe(code);
  });

  it('says how many seconds are left, rounded up', () => {
    expect(checkCommitmentReading(new Date(START), at(10.2), 15)?.message).toBe('请阅读承诺书至少 15 秒后再确认（还需 5 秒）');
    expect(remainingReadMs(new Date(START), at(10), 15)).toBe(5000);
    expect(remainingReadMs(new Date(START), at(20), 15)).toBe(0);
  });

  it('refuses times that are not times', () => {
    expect(checkCommitmentReading(new Date('nonsense'), at(20), 15)?.code).toBe('commitmentTimesInvalid');
  });
});
