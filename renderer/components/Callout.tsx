/** A boxed message in a screen: a refusal to read, a rule, or something unavailable. */
import type { ReactNode } from 'react';

export function Callout({ tone, children, testId }: { tone: 'info' | 'error' | 'warn' | 'success'; children: ReactNode; testId?: string }) {
  return (
    <div className={`callout ${tone}`} role={tone === 'error' ? 'alert' : undefined} data-testid={testId}>
      {children}
    </div>
  );
}
