/**
 * A choice among a few fixed values (是 / 否, 男 / 女, 身份证 / 护照) that needs no input
 * method: digit keys pick (1 is the first), ←/→ move, Backspace clears; Enter and Esc go to
 * the form.
 */
import { forwardRef, type KeyboardEvent } from 'react';

interface Props {
  name: string;
  choices: readonly string[];
  value: string;
  disabled?: boolean;
  onChange(value: string): void;
  onKeyDown(e: KeyboardEvent): void;
}

export const ChoiceInput = forwardRef<HTMLDivElement, Props>(function ChoiceInput({ name, choices, value, disabled, onChange, onKeyDown }, ref) {
  const index = choices.indexOf(value);
  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (disabled) return onKeyDown(e);
    const digit = Number(e.key);
    if (Number.isInteger(digit) && digit >= 1 && digit <= choices.length) {
      e.preventDefault();
      onChange(choices[digit - 1]!);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === ' ') {
      e.preventDefault();
      onChange(choices[(index + 1) % choices.length]!);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      e.preventDefault();
      onChange(choices[(index - 1 + choices.length) % choices.length]!);
    } else if (e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault();
      onChange('');
    } else {
      onKeyDown(e);
    }
  };
  return (
    <div ref={ref} className={`choice ${disabled ? 'disabled' : ''}`} role="radiogroup" tabIndex={disabled ? -1 : 0} onKeyDown={keyDown} data-name={name} data-value={value}>
      {choices.map((c, i) => (
        <button key={c} type="button" role="radio" aria-checked={c === value} tabIndex={-1} className={c === value ? 'choice-item on' : 'choice-item'} onClick={() => !disabled && onChange(c)}>
          <kbd>{i + 1}</kbd>
          {c}
        </button>
      ))}
    </div>
  );
});
