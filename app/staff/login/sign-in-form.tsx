'use client';
// Name and password: each person has their own, and the role comes with the account (there is
// no role to pick). Works before hydration too (a plain form post to the server action);
// afterwards a wrong password or a sign-in held back for too many tries is answered in place and
// focus moves to the message.
import { useActionState, useEffect, useRef, useState } from 'react';
import { type SignInState, signInAction } from '../actions';

export function SignInForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, null);
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
        <div
          ref={alertRef}
          role="alert"
          tabIndex={-1}
          className="rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900"
        >
          <p className="font-semibold">{state.message}</p>
        </div>
      )}
      <div>
        <label htmlFor="staff-name" className="field-label">
          Your name
        </label>
        <input
          id="staff-name"
          name="name"
          autoComplete="username"
          maxLength={40}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="field-input"
          aria-invalid={fields.name ? true : undefined}
          aria-describedby={fields.name ? 'staff-name-error staff-name-hint' : 'staff-name-hint'}
        />
        <p id="staff-name-hint" className="mt-1 text-xs text-roast-600">
          The name on your staff account. Baristas open the board; ops open everything.
        </p>
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
