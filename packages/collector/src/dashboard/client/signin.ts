import { api, ApiError, type Session } from './fetchApi.js';
import { h } from './dom.js';

/** The sign-in form: the token goes once, in a POST body, and comes back as an HttpOnly cookie. */
export function signIn(onSignedIn: (s: Session) => void, note?: string): HTMLElement {
  const token = h('input', { id: 'token', name: 'token', type: 'password', required: true, autocomplete: 'current-password', spellcheck: 'false' });
  const name = h('input', { id: 'name', name: 'name', maxlength: 64, autocomplete: 'name', pattern: '[\\w .@+\\-]{1,64}' });
  const error = h('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const form = h(
    'form',
    { id: 'signin', class: 'card signin', 'aria-labelledby': 'signin-h' },
    h('h1', { id: 'signin-h' }, 'Sign in to the Lifeboat fleet'),
    note ? h('p', { class: 'muted' }, note) : null,
    h('div', { class: 'field' }, h('label', { for: 'token' }, 'Read or admin token'), token),
    h('div', { class: 'field' }, h('label', { for: 'name' }, 'Your name, for the audit trail (optional)'), name),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
    h('p', { class: 'muted' }, 'The token is exchanged for a session cookie that this page cannot read; it is never put in a URL or stored by the page.'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const s = await api<Session>('/dashboard/session', { method: 'POST', body: { token: token.value, ...(name.value.trim() ? { name: name.value.trim() } : {}) } });
      token.value = '';
      onSignedIn(s);
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : String(err);
      token.focus();
    }
  });
  queueMicrotask(() => token.focus());
  return h('main', { id: 'main' }, form);
}
