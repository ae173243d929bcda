import { useState, useEffect } from 'preact/hooks';
import { api, useApi, session, setSession } from '../api.js';
import { Loaded, CopyButton, useAction } from '../ui.jsx';
import { navigate } from '../router.js';

/** Sign-in by email: the API mails a link (to /sign-in#token=…) and a 6-digit code. */
export function SignIn({ query }) {
  // the link carries the token after '#', so it never reaches a server log
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || new URLSearchParams(query).get('token');
  const [step, setStep] = useState(token ? 'link' : 'email');
  const [email, setEmail] = useState('');
  const [error, setError] = useState(null);
  const [action, run] = useAction();
  const busy = action.busy;
  const verified = (s) => {
    setSession({ sessionToken: s.sessionToken, expiresAt: s.expiresAt, email: s.account?.email || email });
    navigate('/account', { replace: true });
  };
  useEffect(() => {
    if (!token) return;
    api('/api/v1/auth/verify', { method: 'POST', body: { token } }).then(verified).catch((e) => {
      setError(e.message);
      setStep('email');
    });
  }, [token]);
  const sendMail = (e) => {
    e.preventDefault();
    run(async () => {
      await api('/api/v1/auth/login', { method: 'POST', body: { email } });
      setStep('code');
    });
  };
  const sendCode = (e) => {
    e.preventDefault();
    const code = new FormData(e.currentTarget).get('code');
    run(async () => verified(await api('/api/v1/auth/verify', { method: 'POST', body: { email, code } })));
  };
  return (
    <div class="narrow">
      <h1>Sign in</h1>
      {step === 'link' && <p role="status">Signing you in…</p>}
      {step === 'email' && (
        <form class="card" onSubmit={sendMail} id="signin-email">
          <label>Email <input type="email" name="email" required autocomplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></label>
          <button type="submit" disabled={busy}>Send me a sign-in code</button>
        </form>
      )}
      {step === 'code' && (
        <form class="card" onSubmit={sendCode} id="signin-code">
          <p>If {email} can receive mail, a link and a 6-digit code are on their way.</p>
          <label>Code <input name="code" inputMode="numeric" pattern="[0-9]{6}" required autocomplete="one-time-code" /></label>
          <button type="submit" disabled={busy}>Sign in</button>
          <button type="button" class="link" onClick={() => setStep('email')}>Use another email</button>
        </form>
      )}
      {(error || action.error) && <p class="bad" role="alert">{error || action.error}</p>}
    </div>
  );
}

export function Account() {
  const s = session();
  const me = useApi(s ? '/api/v1/me' : null);
  const keys = useApi(s ? '/api/v1/me/keys' : null);
  const [created, setCreated] = useState(null);
  const [error, setError] = useState(null);
  if (!s) {
    return <div class="narrow"><h1>Account</h1><p><a href="/sign-in">Sign in</a> to see your account and API keys.</p></div>;
  }
  const createKey = async (e) => {
    e.preventDefault();
    const name = new FormData(e.currentTarget).get('name');
    try {
      setCreated(await api('/api/v1/me/keys', { method: 'POST', body: { name } }));
      e.currentTarget?.reset();
      keys.reload();
    } catch (err) {
      setError(err.message);
    }
  };
  const revoke = async (id) => {
    try {
      await api(`/api/v1/me/keys/${id}`, { method: 'DELETE' });
      keys.reload();
    } catch (err) {
      setError(err.message);
    }
  };
  const signOut = async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST', body: {} });
    } catch {
      // the session ends here either way
    }
    setSession(null);
    navigate('/');
  };
  return (
    <div>
      <h1>Account</h1>
      <Loaded res={me} what="your account">
        {(m) => <p>Signed in as <strong id="account-email">{m.email || m.account?.email}</strong> <button type="button" onClick={signOut}>Sign out</button></p>}
      </Loaded>
      <p><a href="/projects?owner=me">My projects</a> · <a href="/projects/new">New project</a></p>
      <h2>API keys</h2>
      <form class="card inline" onSubmit={createKey}>
        <label>Name <input name="name" required maxLength="100" /></label>
        <button type="submit">Create a key</button>
      </form>
      {created && (
        <p class="notice" id="new-key">Your new key (shown once): <span class="mono wrap">{created.key}</span> <CopyButton text={created.key} label="API key" /></p>
      )}
      {error && <p class="bad" role="alert">{error}</p>}
      <Loaded res={keys} what="API keys">
        {(d) => {
          const items = d.items || d;
          return items.length === 0 ? <p class="muted">No API keys.</p> : (
            <div class="scroll"><table class="list"><thead><tr><th>Name</th><th>Prefix</th><th>Created</th><th>Last used</th><th /></tr></thead>
              <tbody>{items.map((k) => (
                <tr key={k.id}><td>{k.name}</td><td class="mono">{k.prefix}</td><td>{k.createdAt}</td><td>{k.lastUsedAt || '—'}</td>
                  <td><button type="button" onClick={() => revoke(k.id)}>Revoke</button></td></tr>
              ))}</tbody>
            </table></div>
          );
        }}
      </Loaded>
    </div>
  );
}
