'use client';
// The pieces of one failure switch on the ops page: a card that says what it does and whether it
// is on, preset buttons that apply at once, a field for any other value, and an on/off switch.
import { type FormEvent, type ReactNode, useId, useState } from 'react';

export function SwitchCard({
  title,
  state,
  on,
  explanation,
  children,
}: {
  title: string;
  /** The current value in words: "Off", "100% declined". */
  state: string;
  on: boolean;
  /** One line: what the audience will see. */
  explanation: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-switch={title}
      data-on={on ? 'true' : 'false'}
      className={`card flex flex-col gap-3 p-4 ${on ? 'border-amber-400 ring-2 ring-amber-300' : ''}`}
    >
      <div className="flex items-start justify-between gap-3">
        <h3 id={`${id}-title`} className="text-lg font-semibold text-roast-900">
          {title}
        </h3>
        <span
          data-testid="switch-state"
          className={`badge text-sm ${on ? 'bg-amber-100 text-amber-950 ring-1 ring-amber-300' : 'bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200'}`}
        >
          {state}
        </span>
      </div>
      <p className="text-sm text-roast-700">{explanation}</p>
      <div className="mt-auto space-y-3">{children}</div>
    </section>
  );
}

export interface Preset<T> {
  label: string;
  value: T;
}

/** Buttons that set the switch at once; the one matching the current value is pressed. */
export function Presets<T>({
  legend,
  presets,
  current,
  disabled,
  onPick,
}: {
  legend: string;
  presets: Preset<T>[];
  current: T;
  disabled: boolean;
  onPick: (value: T, label: string) => void;
}) {
  return (
    <fieldset>
      <legend className="sr-only">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {presets.map((preset) => {
          const pressed = preset.value === current;
          return (
            <button
              key={preset.label}
              type="button"
              aria-pressed={pressed}
              disabled={disabled}
              onClick={() => onPick(preset.value, preset.label)}
              className="btn border border-roast-200 bg-white px-3 py-1.5 text-roast-800 hover:bg-roast-50 aria-pressed:border-roast-800 aria-pressed:bg-roast-800 aria-pressed:text-white"
            >
              {preset.label}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * Any other value. It remembers the version of the switches it was started from, so that if
 * someone else saves in between, the save is refused rather than quietly undoing their change.
 */
export function OtherValue({
  label,
  unit,
  min,
  max,
  step = 1,
  current,
  version,
  disabled,
  error,
  onSet,
}: {
  label: string;
  unit: string;
  min: number;
  max: number;
  step?: number;
  current: number;
  version: number;
  disabled: boolean;
  error?: string;
  onSet: (value: number, fromVersion: number) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<{ text: string; fromVersion: number } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const value = Number(draft.text);
    if (draft.text.trim() === '' || !Number.isFinite(value)) return;
    onSet(value, draft.fromVersion);
    setDraft(null);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={id} className="text-xs font-medium text-roast-700">
          {label}
        </label>
        <div className="mt-1 flex items-center gap-1.5">
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min={min}
            max={max}
            step={step}
            value={draft?.text ?? String(current)}
            onChange={(e) => setDraft({ text: e.target.value, fromVersion: draft?.fromVersion ?? version })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="w-24 rounded-lg border border-roast-200 bg-white px-2 py-1.5 text-roast-950 aria-invalid:border-red-600"
          />
          <span className="text-sm text-roast-700">{unit}</span>
        </div>
      </div>
      <button type="submit" className="btn btn-secondary py-1.5" disabled={disabled || !draft}>
        Set
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error w-full">
          {error}
        </p>
      )}
    </form>
  );
}

/** An on/off switch that applies at once. */
export function Toggle({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (next: boolean) => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className="group inline-flex items-center gap-3 rounded-full py-1 pr-3 text-sm font-semibold text-roast-900 disabled:opacity-70"
    >
      <span
        aria-hidden="true"
        className="relative inline-flex h-7 w-12 shrink-0 items-center rounded-full bg-roast-200 transition-colors group-aria-checked:bg-amber-600"
      >
        <span className="absolute left-1 size-5 rounded-full bg-white shadow transition-transform group-aria-checked:translate-x-5" />
      </span>
      {label}
      <span aria-hidden="true" className="text-roast-600">
        {checked ? 'On' : 'Off'}
      </span>
    </button>
  );
}
