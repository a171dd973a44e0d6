import { useId } from "react";

export type AmountFieldProps = {
  label: string;
  unit: string;
  value: string;
  onChange(value: string): void;
  /** Shown under the field, as an error, when set. */
  error?: string | undefined;
  /** Fills in the largest valid amount. */
  onMax?: (() => void) | undefined;
  testId?: string;
};

export function AmountField({
  label,
  unit,
  value,
  onChange,
  error,
  onMax,
  testId = "amount",
}: AmountFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="amount-input">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder="0.0"
          value={value}
          aria-invalid={error !== undefined}
          aria-describedby={error !== undefined ? `${id}-error` : undefined}
          data-testid={`${testId}-input`}
          onChange={(event) => onChange(event.target.value)}
        />
        <span className="unit">{unit}</span>
        {onMax && (
          <button type="button" className="quiet" onClick={onMax}>
            Max
          </button>
        )}
      </div>
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error" data-testid={`${testId}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
