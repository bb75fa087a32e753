/**
 * The commitment (承诺书) must be on screen for the scheme's minimum time (Wuxi: 15 s) before
 * the unit can accept it. The core checks it against the start it recorded itself; the server
 * checks the start and acceptance the client declares. Times are injected, never read here.
 */
export type CommitmentProblem = { code: 'commitmentNotRead' | 'commitmentTimesInvalid'; message: string };

/** Milliseconds still to wait, 0 once the commitment may be accepted. */
export function remainingReadMs(readStartedAt: Date, now: Date, minReadSeconds: number): number {
  return Math.max(0, readStartedAt.getTime() + minReadSeconds * 1000 - now.getTime());
}

/** Null when `acceptedAt` comes at least `minReadSeconds` after `readStartedAt`. */
export function checkCommitmentReading(readStartedAt: Date, acceptedAt: Date, minReadSeconds: number): CommitmentProblem | null {
  if (Number.isNaN(readStartedAt.getTime()) || Number.isNaN(acceptedAt.getTime())) {
    return { code: 'commitmentTimesInvalid', message: '承诺书的阅读时间不是有效的时间' };
  }
  if (acceptedAt.getTime() < readStartedAt.getTime()) {
    return { code: 'commitmentTimesInvalid', message: '承诺书的确认时间早于开始阅读的时间' };
  }
  const left = remainingReadMs(readStartedAt, acceptedAt, minReadSeconds);
  if (left > 0) {
    return { code: 'commitmentNotRead', message: `请阅读承诺书至少 ${minReadSeconds} 秒后再确认（还需 ${Math.ceil(left / 1000)} 秒）` };
  }
  return null;
}
