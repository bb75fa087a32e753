/** A progress bar; without a total it shows an indeterminate stripe (the work's size is not known yet). */
export function ProgressBar({ done, total, label }: { done: number; total: number | null; label?: string }) {
  const percent = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined} aria-label={label}>
      <div className={percent === null ? 'progress-fill indeterminate' : 'progress-fill'} style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
