import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, match, navigate } from './router.js';
import { session } from './api.js';
import { Link } from './ui.jsx';
import { Home } from './pages/Home.jsx';
import { Tipset } from './pages/Tipset.jsx';
import { Block } from './pages/Block.jsx';
import { Message } from './pages/Message.jsx';
import { Address } from './pages/Address.jsx';
import { Contract } from './pages/Contract.jsx';
import { Status } from './pages/Status.jsx';
import { Search } from './pages/Search.jsx';
import { Projects, Project, NewProject } from './pages/Projects.jsx';
import { SignIn, Account } from './pages/Account.jsx';

const ROUTES = [
  ['/', () => <Home />],
  ['/tipset/:height', (p) => <Tipset height={p.height} />],
  ['/block/:cid', (p) => <Block cid={p.cid} />],
  ['/message/:cid', (p) => <Message cid={p.cid} />],
  ['/address/:address', (p) => <Address address={p.address} />],
  ['/contract/:address', (p) => <Contract address={p.address} />],
  ['/status', () => <Status />],
  ['/search', (p, q) => <Search query={q} />],
  ['/projects', (p, q) => <Projects query={q} />],
  ['/projects/new', () => <NewProject />],
  ['/project/:id', (p) => <Project id={p.id} />],
  ['/sign-in', (p, q) => <SignIn query={q} />],
  ['/signin', (p, q) => <SignIn query={q} />],
  ['/account', () => <Account />],
];

export function App() {
  const { path, query } = useLocation();
  let page = null;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    if (params) {
      page = render(params, query);
      break;
    }
  }
  // after a client-side navigation, keyboard and screen-reader users continue in the new page
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  useEffect(() => {
    const h1 = document.querySelector('main h1');
    document.title = (h1 ? h1.textContent + ' · ' : '') + 'filflow explorer';
  });
  return (
    <>
      <a href="#main" class="skip">Skip to content</a>
      <Header path={path} query={query} />
      <main id="main" tabIndex="-1" key={path + query}>
        {page || <NotFound path={path} />}
      </main>
      <footer class="muted">filflow explorer · data from the <a href="/api/v1/openapi.json">filflow API</a></footer>
    </>
  );
}

function Header({ path, query }) {
  const [signedIn, setSignedIn] = useState(!!session());
  useEffect(() => {
    const update = () => setSignedIn(!!session());
    window.addEventListener('filflow-session', update);
    return () => window.removeEventListener('filflow-session', update);
  }, []);
  const current = path === '/search' ? new URLSearchParams(query).get('q') || '' : '';
  const submit = (e) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') || '').trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  };
  return (
    <header>
      <Link href="/" class="brand">filflow</Link>
      <form role="search" onSubmit={submit} class="search">
        <input type="search" name="q" id="search" value={current} aria-label="Search by height, CID, address or project"
          placeholder="Height, message or block CID, address, 0x…, project" autocomplete="off" spellcheck={false} />
        <button type="submit">Search</button>
      </form>
      <nav aria-label="main">
        <Link href="/projects">Projects</Link>
        <Link href="/status">Status</Link>
        {signedIn ? <Link href="/account">Account</Link> : <Link href="/sign-in">Sign in</Link>}
      </nav>
    </header>
  );
}

function NotFound({ path }) {
  return (
    <section class="notice notfound" role="alert">
      <h1>Not found</h1>
      <p>There is no page at <span class="mono">{path}</span>.</p>
      <p><Link href="/">Back to the start page</Link></p>
    </section>
  );
}
