'use client';
// Role, name and the staff password. Works before hydration too (a plain form post to the server
// action); afterwards a wrong password is answered in place and focus moves to the message.
import { useActionState, useEffect, useRef, useState } from 'react';
import { type SignInState, signInAction } from '../actions';

const ROLES = [
  { value: 'barista', label: 'Barista', hint: 'The barista board.' },
  { value: 'ops', label: 'Ops', hint: 'Everything: the barista board and the ops pages.' },
] as const;

export function SignInForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, null);
  const [role, setRole] = useState<string>('barista');
  const [name, setName] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) alertRef.current?.focus();
  }, [state]);
  const fields = state?.fields ?? {};

  return (
    <form action={formAction} className="card space-y-5 p-6" noValidate>
      <input type="hidden" name="next" value={next} />
      {state && (
        <div ref={alertRef} role="alert" tabIndex={-1} className="rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">{state.message}</p>
        </div>
      )}
      <fieldset>
        <legend className="field-label">Role</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {ROLES.map((r) => (
            <label
              key={r.value}
              className="flex cursor-pointer gap-2 rounded-lg border border-roast-200 p-3 has-[:checked]:border-roast-600 has-[:checked]:bg-roast-50"
            >
              <input type="radio" name="role" value={r.value} checked={role === r.value} onChange={() => setRole(r.value)} className="mt-1" />
              <span>
                <span className="block font-medium text-roast-900">{r.label}</span>
                <span className="block text-xs text-roast-600">{r.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {fields.role && <p className="field-error">{fields.role}</p>}
      </fieldset>
      <div>
        <label htmlFor="staff-name" className="field-label">
          Your name
        </label>
        <input
          id="staff-name"
          name="name"
          autoComplete="name"
          maxLength={40}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="field-input"
          aria-invalid={fields.name ? true : undefined}
          aria-describedby={fields.name ? 'staff-name-error' : undefined}
        />
        {fields.name && (
          <p id="staff-name-error" className="field-error">
            {fields.name}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="staff-password" className="field-label">
          Staff password
        </label>
        <input
          id="staff-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="field-input"
          aria-invalid={fields.password ? true : undefined}
          aria-describedby={fields.password ? 'staff-password-error' : undefined}
        />
        {fields.password && (
          <p id="staff-password-error" className="field-error">
            {fields.password}
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-primary w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
