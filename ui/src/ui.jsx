// Shared pieces of every page. Text only: nothing from the API or the user is ever parsed as HTML.
import { useState } from 'preact/hooks';
import { fil, short, exitCode } from './format.js';
import { seg } from './api.js';

export function Link({ href, children, ...rest }) {
  return <a href={href} {...rest}>{children}</a>;
}

export function Loading({ what }) {
  return <p class="loading" role="status" aria-live="polite">Loading {what}…</p>;
}

export function ErrorView({ error, what }) {
  if (error.status === 404) {
    return (
      <section class="notice notfound" role="alert">
        <h1>Not found</h1>
        <p>{what ? `${what}: ` : ''}{error.message}</p>
        <p><Link href="/">Back to the start page</Link></p>
      </section>
    );
  }
  const title = error.status === 0 ? 'The API is unreachable'
    : error.status === 400 || error.status === 422 ? 'That does not look right'
      : error.status === 503 ? 'A dependency is down' : 'Something went wrong';
  return (
    <section class="notice error" role="alert">
      <h1>{title}</h1>
      <p>{error.message}</p>
      {error.code && <p class="muted">code {error.code}{error.status ? `, HTTP ${error.status}` : ''}</p>}
    </section>
  );
}

/** Renders a useApi result: loading, error, or the page. */
export function Loaded({ res, what, children }) {
  if (res.error) return <ErrorView error={res.error} what={what} />;
  if (res.loading || res.data === undefined) return <Loading what={what} />;
  return children(res.data);
}

export function CopyButton({ text, label }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const t = document.createElement('textarea');
      t.value = text;
      document.body.appendChild(t);
      t.select();
      document.execCommand('copy');
      t.remove();
    }
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  };
  return (
    <button type="button" class="copy" onClick={copy} aria-label={`Copy ${label || text}`} title="Copy">
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

/** An actor as the API gives it ({id, robust, delegated, eth}): its best form, linked. */
export function Actor({ actor, full }) {
  if (!actor) return <span class="muted">—</span>;
  if (typeof actor === 'string') return <Link href={`/address/${seg(actor)}`} class="mono">{actor}</Link>;
  const main = actor.id || actor.robust || actor.delegated || actor.eth;
  const other = actor.delegated || actor.robust || actor.eth;
  if (!main) return <span class="muted">—</span>;
  return (
    <span class="actor">
      <Link href={`/address/${seg(main)}`} class="mono">{main}</Link>
      {other && other !== main && (full ? <span class="mono muted"> {other}</span> : <span class="mono muted" title={other}> {short(other, 6)}</span>)}
    </span>
  );
}

export function Cid({ cid, kind, shorten = true }) {
  if (!cid) return <span class="muted">—</span>;
  const text = shorten ? short(cid, 10) : cid;
  return kind ? <Link href={`/${kind}/${seg(cid)}`} class="mono" title={cid}>{text}</Link> : <span class="mono" title={cid}>{text}</span>;
}

export function Fil({ atto }) {
  return <span class="fil" title={atto === null || atto === undefined ? '' : `${atto} attoFIL`}>{fil(atto)}</span>;
}

export function Exit({ code }) {
  if (code === null || code === undefined) return <span class="muted">—</span>;
  const e = exitCode(code);
  return (
    <span class={code === 0 ? 'ok' : 'bad'} title={e.meaning}>
      {code} <span class="exitname">{e.name}</span>
    </span>
  );
}

/** A definition list of [label, value] rows; rows with an undefined value are left out. */
export function Facts({ rows }) {
  return (
    <dl class="facts">
      {rows.filter((r) => r && r[1] !== undefined).map(([k, v]) => (
        <div class="fact" key={k}><dt>{k}</dt><dd>{v}</dd></div>
      ))}
    </dl>
  );
}

/** Cursor paging: the API hands out nextCursor; the page keeps the cursors it came through. */
export function Pager({ next, stack, onNext, onPrev }) {
  if (!next && stack.length === 0) return null;
  return (
    <nav class="pager" aria-label="pages">
      <button type="button" onClick={onPrev} disabled={stack.length === 0}>← Newer</button>
      <span class="muted">page {stack.length + 1}</span>
      <button type="button" onClick={onNext} disabled={!next}>Older →</button>
    </nav>
  );
}

export function usePages() {
  const [stack, setStack] = useState([]);
  const cursor = stack.length ? stack[stack.length - 1] : null;
  return {
    cursor,
    stack,
    next: (c) => setStack([...stack, c]),
    prev: () => setStack(stack.slice(0, -1)),
    reset: () => setStack([]),
  };
}

export function Json({ value }) {
  if (value === null || value === undefined) return <span class="muted">none</span>;
  return <pre class="json">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

/** A form action: [{busy, error}, run]; run(fn) awaits fn and keeps its error's message for the page. */
export function useAction() {
  const [state, setState] = useState({});
  const run = async (fn) => {
    setState({ busy: true });
    try {
      await fn();
      setState({});
    } catch (err) {
      setState({ error: err.message });
    }
  };
  return [state, run];
}
